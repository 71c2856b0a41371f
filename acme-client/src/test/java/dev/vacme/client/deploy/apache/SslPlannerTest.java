package dev.vacme.client.deploy.apache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vacme.client.deploy.Endpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What installing a lineage changes in a configuration, line by line. */
class SslPlannerTest {

    private static final Path LIVE = Path.of("/etc/vacme/live/a.test");

    @TempDir
    Path root;

    private final CertificateTarget target = new CertificateTarget("a.test", List.of("a.test", "www.a.test"),
            LIVE.resolve("fullchain.pem"), LIVE.resolve("privkey.pem"));

    @Test
    void pointsATlsVirtualHostAtTheLineageChangingOnlyItsLines() throws IOException {
        write("apache2.conf", "Listen 443\nLoadModule ssl_module /m/mod_ssl.so\n"
                + "<VirtualHost *:443>\n"
                + "\tServerName www.a.test\n"
                + "\t# a comment stays\n"
                + "\tSSLEngine off\n"
                + "\tSSLCertificateFile \\\n"
                + "\t\t/etc/ssl/old.pem\n"
                + "\tSSLCertificateChainFile /etc/ssl/chain.pem\n"
                + "</VirtualHost>\n"
                + "<VirtualHost *:443>\n  ServerName other.test\n</VirtualHost>");

        InstallPlan plan = plan();

        assertThat(plan.edits().render()).containsExactly(Map.entry(root.resolve("apache2.conf"),
                "Listen 443\nLoadModule ssl_module /m/mod_ssl.so\n"
                + "<VirtualHost *:443>\n"
                + "\tServerName www.a.test\n"
                + "\t# a comment stays\n"
                + "\tSSLEngine on\n"
                + "\tSSLCertificateFile /etc/vacme/live/a.test/fullchain.pem\n"
                + "\tSSLCertificateKeyFile /etc/vacme/live/a.test/privkey.pem\n"
                + "</VirtualHost>\n"
                + "<VirtualHost *:443>\n  ServerName other.test\n</VirtualHost>"));
        assertThat(plan.endpoints()).containsExactly(new Endpoint("127.0.0.1", 443, "www.a.test"));
        assertThat(plan.edits().descriptions()).hasSize(4).anySatisfy(d -> assertThat(d)
                .startsWith("remove SSLCertificateChainFile at " + root.resolve("apache2.conf") + ":9"));
    }

    @Test
    void changesNothingWhenTheConfigurationAlreadyPointsAtTheLineage() throws IOException {
        write("apache2.conf", "Listen 443\n<VirtualHost 127.0.0.2:8443>\n  ServerAlias *.a.test\n"
                + "  SSLEngine ON\n  SSLCertificateFile \"/etc/vacme/live/a.test/fullchain.pem\"\n"
                + "  SSLCertificateKeyFile /etc/vacme/live/../live/a.test/privkey.pem\n</VirtualHost>\n");

        InstallPlan plan = plan();

        assertThat(plan.edits().isEmpty()).as(plan.edits().descriptions().toString()).isTrue();
        assertThat(plan.endpoints()).containsExactly(new Endpoint("127.0.0.2", 8443, "www.a.test"));
    }

    @Test
    void copiesAPlainVirtualHostIntoAFileTheWildcardIncludeReads() throws IOException {
        write("apache2.conf", "Include ports.conf\nIncludeOptional mods-enabled/*.load\n"
                + "IncludeOptional sites-enabled/*.conf\n");
        write("ports.conf", "Listen 80\n<IfModule ssl_module>\n    Listen 443\n</IfModule>\n");
        write("mods-available/ssl.load", "LoadModule ssl_module /usr/lib/apache2/modules/mod_ssl.so\n");
        write("mods-available/ssl.conf", "SSLProtocol all\n");
        write("mods-available/socache_shmcb.load", "LoadModule socache_shmcb_module /m/mod_socache_shmcb.so\n");
        write("sites-enabled/a.conf", "<VirtualHost *:80>\n    ServerName a.test\n    ServerAlias www.a.test\n"
                + "    RewriteEngine on\n    RewriteRule ^ https://a.test/ [R=301]\n    <Directory /srv/a>\n"
                + "        Require all granted\n    </Directory>\n</VirtualHost>\n");

        InstallPlan plan = plan();

        Path copy = root.resolve("sites-enabled/vacme-a.test-ssl.conf");
        assertThat(plan.edits().render()).containsOnlyKeys(copy);
        assertThat(plan.edits().render().get(copy)).endsWith("\n# Copied from " + root.resolve("sites-enabled/a.conf")
                + ":1\n<VirtualHost *:443>\n    ServerName a.test\n    ServerAlias www.a.test\n"
                + "    <Directory /srv/a>\n        Require all granted\n    </Directory>\n    SSLEngine on\n"
                + "    SSLCertificateFile /etc/vacme/live/a.test/fullchain.pem\n"
                + "    SSLCertificateKeyFile /etc/vacme/live/a.test/privkey.pem\n</VirtualHost>\n");
        assertThat(plan.edits().links()).isEqualTo(Map.of(
                root.resolve("mods-enabled/ssl.load"), Path.of("../mods-available/ssl.load"),
                root.resolve("mods-enabled/ssl.conf"), Path.of("../mods-available/ssl.conf"),
                root.resolve("mods-enabled/socache_shmcb.load"), Path.of("../mods-available/socache_shmcb.load")));
        assertThat(plan.endpoints()).containsExactly(new Endpoint("127.0.0.1", 443, "a.test"));
    }

    @Test
    void includesTheCopyExplicitlyAndAddsListenAndLoadModuleWhereNothingCoversThem() throws IOException {
        Files.createDirectories(root.resolve("modules"));
        Files.writeString(root.resolve("modules/mod_ssl.so"), "");
        write("httpd.conf", "LoadModule alias_module modules/mod_alias.so\nListen 127.0.0.1:80\n"
                + "Include sites/a.conf\n");
        write("sites/a.conf", "  <VirtualHost *:80>\n    ServerName www.a.test\n  </VirtualHost>");

        InstallPlan plan = new SslPlanner(ApacheConfig.load(root), 8443).plan(target);

        Path copy = root.resolve("sites/vacme-a.test-ssl.conf");
        assertThat(plan.edits().render()).containsOnlyKeys(root.resolve("httpd.conf"), root.resolve("sites/a.conf"),
                copy);
        assertThat(plan.edits().render().get(root.resolve("sites/a.conf"))).isEqualTo(
                "  <VirtualHost *:80>\n    ServerName www.a.test\n  </VirtualHost>\n  Include " + copy);
        assertThat(plan.edits().render().get(root.resolve("httpd.conf"))).isEqualTo(
                "LoadModule alias_module modules/mod_alias.so\nLoadModule ssl_module "
                + root.resolve("modules/mod_ssl.so")
                + "\nListen 127.0.0.1:80\nListen 8443\nInclude sites/a.conf\n");
        assertThat(plan.edits().render().get(copy)).contains("<VirtualHost *:8443>\n    ServerName www.a.test\n");
        assertThat(plan.endpoints()).containsExactly(new Endpoint("127.0.0.1", 8443, "www.a.test"));
    }

    @Test
    void quotesPathsWithSpacesAndReadsThemBackAsTheSame() throws IOException {
        Path live = Path.of("/srv/my certs/live/a.test");
        CertificateTarget spaced = new CertificateTarget("a.test", List.of("*.a.test"), live.resolve("fullchain.pem"),
                live.resolve("privkey.pem"));
        write("apache2.conf", "<VirtualHost *:443>\n  ServerAlias *.a.test\n</VirtualHost>\n");

        InstallPlan first = new SslPlanner(ApacheConfig.load(root), 443).plan(spaced);

        assertThat(first.edits().render().get(root.resolve("apache2.conf"))).isEqualTo("<VirtualHost *:443>\n"
                + "  ServerAlias *.a.test\n  SSLEngine on\n"
                + "  SSLCertificateFile \"/srv/my certs/live/a.test/fullchain.pem\"\n"
                + "  SSLCertificateKeyFile \"/srv/my certs/live/a.test/privkey.pem\"\n</VirtualHost>\n");
        assertThat(first.endpoints()).containsExactly(new Endpoint("127.0.0.1", 443, "vacme-check.a.test"));
        write("apache2.conf", first.edits().render().get(root.resolve("apache2.conf")));
        assertThat(new SslPlanner(ApacheConfig.load(root), 443).plan(spaced).edits().isEmpty()).isTrue();
    }

    @Test
    void prefersTheTlsSiblingOverCopyingThePlainVirtualHost() throws IOException {
        write("apache2.conf", "Listen 80\n" + ApacheConfigParserTest.vhost("*:80", "a.test")
                + "<VirtualHost *:443>\n    ServerName a.test\n"
                + "    SSLCertificateFile /etc/vacme/live/a.test/fullchain.pem\n"
                + "    SSLCertificateKeyFile /etc/vacme/live/a.test/privkey.pem\n    SSLEngine on\n</VirtualHost>\n");

        assertThat(plan().edits().isEmpty()).isTrue();
    }

    @Test
    void saysWhatToDoWhenNoVirtualHostMatchesOrModSslCannotBeLoaded() throws IOException {
        write("apache2.conf", "Listen 80\n" + ApacheConfigParserTest.vhost("*:80", "other.test"));
        assertThatThrownBy(this::plan).isInstanceOf(ApacheConfigException.class).hasMessage("no <VirtualHost> in "
                + root + " has a ServerName or ServerAlias matching a.test, www.a.test; add one for the site,"
                + " then run again");

        write("apache2.conf", "Listen 80\n" + ApacheConfigParserTest.vhost("*:80", "a.test"));
        assertThatThrownBy(this::plan).isInstanceOf(ApacheConfigException.class).hasMessage("mod_ssl is not loaded"
                + " and vacme cannot tell how to load it here; enable it (Debian: a2enmod ssl) and run again");
    }

    private InstallPlan plan() {
        return new SslPlanner(ApacheConfig.load(root), 443).plan(target);
    }

    private void write(String relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
