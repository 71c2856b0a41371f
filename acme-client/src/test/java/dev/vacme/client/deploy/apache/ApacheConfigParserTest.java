package dev.vacme.client.deploy.apache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading httpd's configuration syntax, includes and VirtualHost names. */
class ApacheConfigParserTest {

    @TempDir
    Path root;

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "a b   c                    | a,b,c",
        "\"a b\" c                  | a b,c",
        "'x y' \"\"                 | x y,",
        "\"say \\\"hi\\\"\" x       | say \"hi\",x",
        "/var/www#not-a-comment     | /var/www#not-a-comment",
        "\"unterminated value       | unterminated value",
    })
    void splitsWordsAsHttpdDoes(String line, String expected) {
        assertThat(ConfigWords.split(line)).containsExactlyElementsOf(Arrays.asList(expected.split(",", -1)));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "/etc/ssl/a.pem", "/srv/my site/a.pem", "a\"b", "C:\\x", "#x", "''",
    })
    void quotesWhatWouldNotReadBack(String word) {
        assertThat(ConfigWords.split(ConfigWords.quote(word))).containsExactly(word);
    }

    @Test
    void readsContinuationsCommentsAndNestedSectionsWithTheirLines() {
        ConfigFile file = ConfigFile.parse(Path.of("/x.conf"), String.join("\n",
                "# ServerName commented.test",
                "<IfModule mod_ssl.c>",
                "  <VirtualHost *:443 \\",
                "      [::]:443>",
                "    ServerAlias a.test \\",
                "        b.test",
                "    #SSLCertificateFile /old.pem \\",
                "    DocumentRoot \"/srv/a b\"",
                "  </VirtualHost>",
                "</IfModule>",
                ""));

        Section ifModule = (Section) file.nodes().get(0);
        Section vhost = (Section) ifModule.children().get(0);
        assertThat(file.nodes()).hasSize(1);
        assertThat(ifModule.args()).containsExactly("mod_ssl.c");
        assertThat(vhost.args()).containsExactly("*:443", "[::]:443");
        assertThat(List.of(vhost.firstLine(), vhost.lastLine())).containsExactly(2, 8);
        Directive alias = (Directive) vhost.children().get(0);
        assertThat(alias.args()).containsExactly("a.test", "b.test");
        assertThat(List.of(alias.firstLine(), alias.lastLine())).containsExactly(4, 5);
        assertThat(vhost.children()).hasSize(2);
        assertThat(vhost.find("DocumentRoot").get(0).args()).containsExactly("/srv/a b");
        assertThat(file.text()).endsWith("</IfModule>\n");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "<VirtualHost *:80>                      | /x.conf:1: <VirtualHost> is never closed",
        "<VirtualHost *:80>\\n</Directory>       | /x.conf:2: </Directory> without <Directory>",
        "</IfModule>                             | /x.conf:1: </IfModule> without <IfModule>",
    })
    void refusesSectionsThatDoNotNest(String text, String message) {
        assertThatThrownBy(() -> ConfigFile.parse(Path.of("/x.conf"), text.replace("\\n", "\n")))
                .isInstanceOf(ApacheConfigException.class).hasMessage(message);
    }

    @Test
    void followsIncludesWithWildcardsDirectoriesAndOptionalMisses() throws IOException {
        write("apache2.conf", "Include ports.conf\nIncludeOptional sites-enabled/*.conf\n"
                + "IncludeOptional nothing/*.conf\nInclude conf.d\nInclude \"mods/*/on.conf\"\n"
                + "IncludeOptional ${APACHE_CONFDIR}/x.conf\n");
        write("ports.conf", "Listen 80\n");
        write("sites-enabled/b.conf", vhost("*:80", "b.test"));
        write("sites-enabled/a.conf", vhost("*:80", "a.test"));
        write("sites-enabled/.hidden.conf", vhost("*:80", "hidden.test"));
        write("sites-enabled/c.conf.disabled", vhost("*:80", "disabled.test"));
        write("conf.d/sub/d.txt", vhost("*:80", "d.test"));
        write("mods/x/on.conf", vhost("*:80", "x.test"));

        ApacheConfig config = ApacheConfig.load(root);

        assertThat(config.virtualHosts()).map(s -> VirtualHost.of(s, 443).names().get(0))
                .containsExactly("a.test", "b.test", "d.test", "x.test");
        assertThat(config.directives("Listen")).map(Directive::firstArg).containsExactly("80");
        assertThat(config.wouldInclude(root.resolve("sites-enabled/vacme-a-ssl.conf"))).isTrue();
        assertThat(config.wouldInclude(root.resolve("sites-enabled/.vacme.conf"))).isFalse();
        assertThat(config.wouldInclude(root.resolve("sites-available/vacme-a-ssl.conf"))).isFalse();
        assertThat(config.wouldInclude(root.resolve("conf.d/deeper/new.conf"))).isTrue();
    }

    @Test
    void prefersHttpdConfWhenThereIsNoApache2ConfAndSaysWhatIsMissing() throws IOException {
        assertThatThrownBy(() -> ApacheConfig.load(root)).isInstanceOf(ApacheConfigException.class)
                .hasMessage("no apache2.conf or httpd.conf in " + root
                        + "; give Apache's configuration directory with --apache-server-root");
        write("httpd.conf", "Include httpd.conf\n");
        assertThatThrownBy(() -> ApacheConfig.load(root)).hasMessageContaining("includes itself");
    }

    @ParameterizedTest(name = "[{index}] {0} serves {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "example.test                     | example.test       | true",
        "EXAMPLE.test:443                 | example.test       | true",
        "https://www.example.test:8443    | www.example.test   | true",
        "example.test.                    | example.test       | true",
        "*.example.test                   | a.example.test     | true",
        "*.example.test                   | a.b.example.test   | true",
        "*.example.test                   | example.test       | false",
        "www?.example.test                | www2.example.test  | true",
        "*.example.test                   | *.example.test     | true",
        "a.example.test                   | *.example.test     | true",
        "a.b.example.test                 | *.example.test     | false",
        "*.b.example.test                 | *.example.test     | false",
        "other.test                       | example.test       | false",
    })
    void matchesNamesAndWildcards(String pattern, String certName, boolean expected) {
        assertThat(HostNames.matches(pattern, certName)).isEqualTo(expected);
    }

    @Test
    void tellsTlsVirtualHostsByPortOrSslEngine() {
        ConfigFile file = ConfigFile.parse(Path.of("/x.conf"), vhost("*:80", "a.test") + vhost("*:8443", "b.test")
                + "<VirtualHost 10.0.0.1:9000>\nServerName c.test\nSSLEngine On\n</VirtualHost>\n"
                + vhost("_default_:443", "d.test"));

        assertThat(file.nodes()).map(n -> VirtualHost.of((Section) n, 8443).ssl())
                .containsExactly(false, true, true, true);
    }

    static String vhost(String address, String name) {
        return "<VirtualHost " + address + ">\n    ServerName " + name + "\n    DocumentRoot /srv/" + name
                + "\n</VirtualHost>\n";
    }

    private void write(String relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
