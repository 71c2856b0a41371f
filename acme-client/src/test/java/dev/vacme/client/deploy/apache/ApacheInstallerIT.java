package dev.vacme.client.deploy.apache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vacme.client.Reporter;
import dev.vacme.client.acme.Sleeper;
import dev.vacme.client.deploy.DeployException;
import dev.vacme.client.deploy.DeployResult;
import dev.vacme.client.deploy.Deployer;
import dev.vacme.client.deploy.Deployment;
import dev.vacme.client.deploy.Installer;
import dev.vacme.client.deploy.InstallerContext;
import dev.vacme.client.deploy.InstallerOptions;
import dev.vacme.client.deploy.InstallerRegistry;
import dev.vacme.client.deploy.ServedCertificateVerifier;
import dev.vacme.client.hook.HookRunner;
import dev.vacme.client.store.DeploymentSpec;
import dev.vacme.client.store.HookSpec;
import dev.vacme.client.store.InstallerSpec;
import dev.vacme.client.store.RenewalConf;
import dev.vacme.client.testing.ApacheProcess;
import dev.vacme.client.testing.CollectingReporter;
import dev.vacme.client.testing.FreePorts;
import dev.vacme.client.testing.Lineages;
import dev.vacme.client.testing.ServedLeaf;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Apache installer against a real httpd started by the test: first install, renewal, a
 * configuration broken on purpose, and the repair, each checked by the test's own TLS handshake.
 */
class ApacheInstallerIT {

    @TempDir
    Path dir;

    private ApacheProcess apache;
    private Lineages lineages;
    private int httpsPort;
    private final List<String> messages = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void startApache() throws IOException {
        apache = ApacheProcess.configure(dir.resolve("apache"), false);
        apache.site("a", apache.plainVirtualHost("a.test", "www.a.test"));
        apache.start();
        lineages = new Lineages(dir.resolve("vacme"));
        httpsPort = FreePorts.tcp();
    }

    @AfterEach
    void stopApache() {
        if (apache != null) {
            apache.close();
        }
    }

    @Test
    void installsOnceThenOnlyReloadsForEachRenewal() throws IOException {
        RenewalConf conf = lineages.install("a.test", List.of("a.test", "www.a.test"), Instant.now(),
                Instant.now().plus(Duration.ofDays(90)), HookSpec.NONE);
        String httpdConf = Files.readString(apache.root().resolve("httpd.conf"));

        DeployResult first = deploy("a.test");

        assertThat(first.failure()).as(messages + apache.log()).isNull();
        Path copy = apache.root().resolve("sites/vacme-a.test-ssl.conf");
        assertThat(first.changed()).containsExactly(apache.root().resolve("httpd.conf"), copy);
        assertThat(Files.readString(apache.root().resolve("httpd.conf"))).isEqualTo(httpdConf.replace(
                "mod_dir.so\n", "mod_dir.so\nLoadModule ssl_module /usr/lib/apache2/modules/mod_ssl.so\n")
                .replace("Listen 127.0.0.1:" + apache.httpPort() + "\n", "Listen 127.0.0.1:" + apache.httpPort()
                        + "\nListen " + httpsPort + "\n"));
        assertThat(Files.readString(copy)).contains("<VirtualHost *:" + httpsPort + ">",
                "SSLCertificateFile " + live("a.test").resolve("fullchain.pem"));
        assertServed("www.a.test", live("a.test").resolve("cert.pem"));
        assertThat(first.checks()).hasSize(1);

        DeployResult again = deploy("a.test");
        assertThat(again.failure()).isNull();
        assertThat(again.changed()).isEmpty();

        lineages.renew("a.test", conf, Instant.now());
        DeployResult renewed = deploy("a.test");

        assertThat(renewed.failure()).as(messages + apache.log()).isNull();
        assertThat(renewed.changed()).isEmpty();
        assertServed("a.test", live("a.test").resolve("cert.pem"));
    }

    @Test
    void aBrokenConfigurationFailsKeepsApacheServingAndTheNextDeploymentRepairs() throws IOException {
        RenewalConf conf = lineages.install("a.test", List.of("a.test"), Instant.now(),
                Instant.now().plus(Duration.ofDays(90)), HookSpec.NONE);
        assertThat(deploy("a.test").failure()).isNull();
        X509Certificate previous = ServedLeaf.read(live("a.test").resolve("cert.pem"));
        long pid = apache.pid().orElseThrow();
        lineages.renew("a.test", conf, Instant.now());
        Path broken = apache.site("zz-broken", "ThisIsNotADirective on\n");

        DeployResult failed = deploy("a.test");

        assertThat(failed.failure()).as(messages.toString()).startsWith("the configuration test failed: ")
                .contains("Invalid command 'ThisIsNotADirective'");
        assertThat(failed.changed()).isEmpty();
        assertThat(apache.pid()).contains(pid);
        assertThat(ServedLeaf.at(httpsPort, "a.test")).isEqualTo(previous);

        Files.delete(broken);
        DeployResult repaired = deploy("a.test");

        assertThat(repaired.failure()).as(messages + apache.log()).isNull();
        assertServed("a.test", live("a.test").resolve("cert.pem"));
    }

    @Test
    void aFirstInstallThatFailsTheTestLeavesEveryFileAsItWas() throws IOException {
        lineages.install("a.test", List.of("a.test"), Instant.now(), Instant.now().plus(Duration.ofDays(90)),
                HookSpec.NONE);
        apache.site("zz-broken", "ThisIsNotADirective on\n");
        String httpdConf = Files.readString(apache.root().resolve("httpd.conf"));
        String site = Files.readString(apache.root().resolve("sites/a.conf"));

        DeployResult failed = deploy("a.test");

        assertThat(failed.failure()).as(messages.toString()).startsWith("the configuration test failed: ")
                .contains("restored 2 file(s): ")
                .endsWith("\nreloading the previous configuration failed too: the restored configuration still"
                        + " fails Apache's test, so Apache was not reloaded and keeps running with the configuration"
                        + " it had loaded");
        assertThat(apache.root().resolve("httpd.conf")).hasContent(httpdConf.strip());
        assertThat(apache.root().resolve("sites/a.conf")).hasContent(site.strip());
        assertThat(apache.root().resolve("sites/vacme-a.test-ssl.conf")).doesNotExist();
        assertThat(apache.running()).isTrue();
    }

    @Test
    void aDryRunTestsTheChangedCopyAndChangesNothing() throws IOException {
        lineages.install("a.test", List.of("a.test"), Instant.now(), Instant.now().plus(Duration.ofDays(90)),
                HookSpec.NONE);
        String httpdConf = Files.readString(apache.root().resolve("httpd.conf"));
        Installer installer = new ApacheInstallerType().create(spec("a.test"), context());

        List<String> preview = installer.preview(deployment("a.test"), Files.createDirectories(dir.resolve("scratch")));

        assertThat(preview).anySatisfy(line -> assertThat(line).startsWith("apache: create "
                + apache.root().resolve("sites/vacme-a.test-ssl.conf") + " with an HTTPS copy of "))
                .contains("apache: add Listen " + httpsPort + " after " + apache.root().resolve("httpd.conf") + ":"
                        + (List.of(httpdConf.split("\n")).indexOf("Listen 127.0.0.1:" + apache.httpPort()) + 1));
        assertThat(apache.root().resolve("httpd.conf")).hasContent(httpdConf.strip());
        assertThat(apache.root().resolve("sites/vacme-a.test-ssl.conf")).doesNotExist();

        // The copy carries every file of the configuration, so a broken site fails its test too.
        apache.site("zz-broken", "ThisIsNotADirective on\n");
        Path scratch = Files.createDirectories(dir.resolve("scratch2"));
        assertThatThrownBy(() -> installer.preview(deployment("a.test"), scratch))
                .isInstanceOf(DeployException.class)
                .hasMessageContaining("Invalid command 'ThisIsNotADirective'");
    }

    private DeployResult deploy(String name) {
        InstallerRegistry registry = new InstallerRegistry(List.of(new ApacheInstallerType()));
        Deployer deployer = new Deployer(registry, context(), new ServedCertificateVerifier(Duration.ofSeconds(5),
                Duration.ofSeconds(10), Clock.systemUTC(), Sleeper.REAL), reporter());
        return deployer.deploy(new DeploymentSpec(spec(name), List.of(), null), deployment(name));
    }

    private InstallerContext context() {
        HookRunner commands = new HookRunner(Map.of("PATH", "/usr/sbin:/usr/bin:/sbin:/bin"), Duration.ofSeconds(60),
                dir);
        return new InstallerContext(commands, Clock.systemUTC(), Sleeper.REAL, messages::add, dir);
    }

    private InstallerSpec spec(String name) {
        ApacheOptions options = new ApacheOptions();
        options.serverRoot = apache.root();
        options.ctl = apache.ctl();
        return options.resolve(null, new InstallerOptions.Inputs("apache", name, dir, httpsPort));
    }

    private Deployment deployment(String name) {
        RenewalConf conf = lineages.store().readConf(name);
        return new Deployment(name, conf.domains(), lineages.store().liveFiles(name),
                lineages.store().liveVersion(name).orElseThrow());
    }

    private Reporter reporter() {
        return new CollectingReporter(messages);
    }

    private void assertServed(String sni, Path certPem) throws IOException {
        assertThat(ServedLeaf.at(httpsPort, sni)).as(messages + apache.log()).isEqualTo(ServedLeaf.read(certPem));
    }

    private Path live(String name) {
        return dir.resolve("vacme").resolve("live").resolve(name);
    }
}
