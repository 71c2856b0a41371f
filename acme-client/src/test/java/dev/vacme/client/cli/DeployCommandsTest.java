package dev.vacme.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.client.acme.TransportFactory;
import dev.vacme.client.deploy.InstallerRegistry;
import dev.vacme.client.testing.CliRunner.Result;
import dev.vacme.client.testing.CliRunner;
import dev.vacme.client.testing.Lineages;
import dev.vacme.client.testing.RecordingSleeper;
import dev.vacme.common.testing.SettableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** install, verify and reconfigure run in-process on lineages written by the test, with no ACME server. */
class DeployCommandsTest {

    private static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");
    private static final TransportFactory NO_NETWORK = settings -> request -> {
        throw new AssertionError("unexpected network access: " + request.method() + " " + request.uri());
    };

    @TempDir
    Path home;

    private Path config;
    private CliRunner cli;

    @BeforeEach
    void setUp() {
        config = home.resolve(".config/vacme");
        SettableClock clock = new SettableClock(NOW);
        cli = new CliRunner(home).clock(clock).sleeper(RecordingSleeper.advancing(clock)).transports(NO_NETWORK);
        new Lineages(config).install("a.test", NOW.minus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(80)));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "install --cert-name a.test -i tomcat                | error: unknown installer 'tomcat'; known installers: KNOWN",
        "install --cert-name a.test                          | error: choose an installer with -i NAME; known installers: KNOWN",
        "install --cert-name a.test -i haproxy               | error: -i haproxy needs --haproxy-crt PATH, the combined PEM that haproxy.cfg names in 'crt'",
        "install --cert-name a.test -i jks --haproxy-crt x   | error: options of the haproxy installer were given, but the installer is jks; add -i haproxy",
        "install --cert-name a.test -i haproxy --haproxy-crt x --verify-served nowhere | error: --verify-served: expected HOST:PORT, not 'nowhere'",
        "install --cert-name b.test -i haproxy               | error: there is no certificate named b.test; 'vacme certificates' lists them",
    })
    void deploymentUsageErrorsExitTwo(String args, String error) {
        Result result = cli.run(args.split("\\s+"));

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        // KNOWN: the installers on the class path, so that adding one does not break these cases.
        String known = String.join(", ", InstallerRegistry.discovered().names());
        assertThat(known.split(", ")).contains("haproxy", "jks", "pkcs12");
        assertThat(result.err()).isEqualTo(error.replace("KNOWN", known) + "\n");
    }

    @Test
    void installDryRunSaysWhatWouldChangeAndChangesNothing() throws Exception {
        Path crt = home.resolve("site.pem");
        String before = Files.readString(config.resolve("renewal/a.test.conf"));

        Result result = cli.run("install", "--cert-name", "a.test", "-i", "haproxy", "--haproxy-crt", crt.toString(),
                "--haproxy-reload", "true", "--verify-served", "127.0.0.1:8443", "--dry-run");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).isEqualTo("Dry run: installing a.test (version 1) would:\n"
                + "  create " + crt + " (mode 0600) with the chain of " + config.resolve("live/a.test/fullchain.pem")
                + " and the key\n"
                + "  run true\n"
                + "  check that 127.0.0.1:8443 (SNI a.test) serves live/a.test/cert.pem\n"
                + "Nothing was changed.\n");
        assertThat(crt).doesNotExist();
        assertThat(Files.readString(config.resolve("renewal/a.test.conf"))).isEqualTo(before);
    }

    @Test
    void reconfigureChangesHooksAndInstallerWithoutIssuingAndVerifyIgnoresLineagesInstalledNowhere() throws Exception {
        Result nothing = cli.run("verify");
        Result changed = cli.run("reconfigure", "--cert-name", "a.test", "--deploy-hook", "echo one",
                "--deploy-hook", "echo two", "-i", "pkcs12", "--keystore", "tls.p12", "--keystore-password-file",
                "pass");
        Result again = cli.run("reconfigure", "--cert-name", "a.test", "--deploy-hook", "echo one",
                "--deploy-hook", "echo two");

        assertThat(nothing.exitCode()).isZero();
        assertThat(nothing.out()).isEqualTo("No installed certificates to check.\n");
        assertThat(changed.exitCode()).as(changed.toString()).isZero();
        assertThat(changed.out()).isEqualTo("Changed how a.test renews (no certificate was obtained):\n"
                + "  deploy hooks: [] -> [echo one, echo two]\n"
                + "  installer: none -> pkcs12\n");
        assertThat(again.out()).isEqualTo("Nothing changed for a.test.\n");
        assertThat(Files.readString(config.resolve("renewal/a.test.conf"))).contains(
                "deploy_hook = echo one\ndeploy_hook_2 = echo two\n", "installer = pkcs12\n",
                "[installer.pkcs12]\nkeystore = " + home.resolve("tls.p12") + "\npassword_file = "
                        + home.resolve("pass") + "\nalias = a.test\n");
        assertThat(config.resolve("archive/a.test/2")).doesNotExist();
    }
}
