package dev.vacme.client.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.client.store.AtomicFiles;
import dev.vacme.client.testing.AcmeTestServer;
import dev.vacme.client.testing.ApacheProcess;
import dev.vacme.client.testing.CliRunner.Result;
import dev.vacme.client.testing.FreePorts;
import dev.vacme.client.testing.ServedLeaf;
import dev.vacme.client.testing.VacmeServerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Apache installer and authenticator ({@code --apache}) against Vacme's own server and a real
 * httpd started by the test. Each test's Apache lives in a world-readable temporary directory of
 * its own, since its workers run as www-data when the tests run as root.
 */
class VacmeApacheIT extends AcmeServerTestBase {

    private Path base;
    private ApacheProcess apache;
    private int httpsPort;

    @Override
    AcmeTestServer startServer(Path dir) throws IOException {
        return VacmeServerProcess.start(dir.resolve("server-data"));
    }

    @BeforeEach
    void makeRoom() throws IOException {
        base = Files.createTempDirectory("vacme-apache-it");
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
        httpsPort = FreePorts.tcp();
    }

    @AfterEach
    void stopApache() throws IOException {
        if (apache != null) {
            apache.close();
        }
        AtomicFiles.deleteTree(base);
    }

    @Test
    void apacheAnswersTheChallengeServesTheCertificateAndEachRenewal() throws IOException {
        startApache(server.httpPort());
        String site = Files.readString(apache.root().resolve("sites/a.conf"));

        Result first = vacme(args("run", "--apache", "--apache-server-root", apache.root(), "--apache-ctl",
                apache.ctl(), "--https-port", httpsPort, "-d", "a.test", "-d", "www.a.test",
                "--register-unsafely-without-email", "--agree-tos"));

        assertThat(first.exitCode()).as(first + server.logs() + apache.log()).isZero();
        X509Certificate installed = ServedLeaf.read(live("a.test").resolve("cert.pem"));
        assertThat(ServedLeaf.at(httpsPort, "www.a.test")).isEqualTo(installed);
        assertNoChallengeLeftovers(site);
        assertThat(Files.readString(config.resolve("renewal/a.test.conf"))).contains("authenticator = apache\n",
                "\napache_server_root = " + apache.root() + "\napache_ctl = " + apache.ctl() + "\n",
                "installer = apache", "[installer.apache]\nserver_root = " + apache.root() + "\nctl = "
                        + apache.ctl() + "\nhttps_port = " + httpsPort + "\n");

        Result renewed = vacme("renew", "--force-renewal", "--no-random-sleep-on-renew");

        assertThat(renewed.exitCode()).as(renewed + server.logs() + apache.log()).isZero();
        X509Certificate second = ServedLeaf.read(live("a.test").resolve("cert.pem"));
        assertThat(second).isNotEqualTo(installed);
        assertThat(ServedLeaf.at(httpsPort, "a.test")).isEqualTo(second);
        assertNoChallengeLeftovers(site);
        assertThat(vacme("verify").exitCode()).isZero();
    }

    @Test
    void certonlyAnswersThroughApacheAndInstallsNothingAsCertbotsDoes() throws IOException {
        startApache(server.httpPort());
        String site = Files.readString(apache.root().resolve("sites/a.conf"));

        Result obtained = vacme(args("certonly", "--apache", "--apache-server-root", apache.root(), "--apache-ctl",
                apache.ctl(), "-d", "a.test", "--register-unsafely-without-email", "--agree-tos"));

        assertThat(obtained.exitCode()).as(obtained + server.logs() + apache.log()).isZero();
        assertThat(live("a.test").resolve("cert.pem")).isRegularFile();
        assertNoChallengeLeftovers(site);
        assertThat(Files.readString(config.resolve("renewal/a.test.conf"))).contains("authenticator = apache\n",
                "\napache_server_root = " + apache.root() + "\n", "\ninstaller = \n").doesNotContain("[installer.");
    }

    @Test
    void aFailedValidationTakesTheChallengeConfigurationOutAgain() throws IOException {
        // Apache listens elsewhere than where the server validates, so validation fails after perform.
        startApache(FreePorts.tcp());
        String site = Files.readString(apache.root().resolve("sites/a.conf"));
        String httpdConf = Files.readString(apache.root().resolve("httpd.conf"));

        Result failed = vacme(args("run", "--apache", "--apache-server-root", apache.root(), "--apache-ctl",
                apache.ctl(), "--https-port", httpsPort, "-d", "a.test", "--register-unsafely-without-email",
                "--agree-tos"));

        assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
        assertThat(failed.err()).contains("a.test");
        assertNoChallengeLeftovers(site);
        assertThat(apache.root().resolve("httpd.conf")).hasContent(httpdConf.strip());
        assertThat(apache.running()).isTrue();
    }

    @Test
    void aBrokenConfigurationFailsTheDeploymentAndTheNextRenewRepairsIt() throws IOException {
        startApache(FreePorts.tcp());
        Result first = vacme(args("run", standalone(), "-i", "apache", "--apache-server-root", apache.root(),
                "--apache-ctl", apache.ctl(), "--https-port", httpsPort, "-d", "a.test",
                "--register-unsafely-without-email", "--agree-tos"));
        assertThat(first.exitCode()).as(first + apache.log()).isZero();
        X509Certificate previous = ServedLeaf.read(live("a.test").resolve("cert.pem"));
        long pid = apache.pid().orElseThrow();
        Path broken = apache.site("zz-broken", "ThisIsNotADirective on\n");

        Result failed = vacme("renew", "--force-renewal", "--no-random-sleep-on-renew");

        assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
        assertThat(failed.err()).contains("a.test: deployment failed: the configuration test failed:",
                "Invalid command 'ThisIsNotADirective'",
                "no file had been changed, so nothing was restored or reloaded")
                .doesNotContain("failed too");
        assertThat(apache.pid()).contains(pid);
        assertThat(ServedLeaf.at(httpsPort, "a.test")).isEqualTo(previous);
        assertThat(ServedLeaf.read(live("a.test").resolve("cert.pem"))).isNotEqualTo(previous);
        assertThat(vacme("verify").exitCode()).isEqualTo(1);

        Files.delete(broken);
        network.reset();
        Result repaired = vacme("renew");

        assertThat(repaired.exitCode()).as(repaired + apache.log()).isZero();
        assertThat(network.requests()).isEmpty();
        assertThat(ServedLeaf.at(httpsPort, "a.test")).isEqualTo(ServedLeaf.read(live("a.test").resolve("cert.pem")));
    }

    private void startApache(int httpPort) throws IOException {
        apache = ApacheProcess.configure(base.resolve("apache"), false, httpPort);
        apache.site("a", apache.plainVirtualHost("a.test", "www.a.test"));
        apache.start();
    }

    private void assertNoChallengeLeftovers(String site) throws IOException {
        assertThat(apache.root().resolve("sites/a.conf")).hasContent(site.strip());
        assertThat(apache.root().resolve("vacme-acme-challenge")).doesNotExist();
        assertThat(apache.root().resolve("vacme-acme-challenge.conf")).doesNotExist();
        try (Stream<Path> files = Files.walk(apache.root())) {
            for (Path file : files.filter(f -> f.toString().endsWith(".conf")).toList()) {
                assertThat(Files.readString(file)).as(file.toString()).doesNotContain("acme-challenge");
            }
        }
    }
}
