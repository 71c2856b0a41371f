package dev.vacme.client.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.client.Reporter;
import dev.vacme.client.acme.Sleeper;
import dev.vacme.client.hook.HookRunner;
import dev.vacme.client.store.DeploymentSpec;
import dev.vacme.client.store.InstallerSpec;
import dev.vacme.client.store.PendingDeployment;
import dev.vacme.client.store.RenewalConf;
import dev.vacme.client.testing.Lineages;
import dev.vacme.client.testing.Sequences;
import dev.vacme.client.testing.TlsTestServer;
import dev.vacme.common.pki.KeyType;
import dev.vacme.common.pki.Pem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployer and the post-issuance sequence with a small installer of the test's own that copies
 * {@code fullchain.pem} to a file and runs real shell commands as its configuration test and reload,
 * and with a real TLS server for the served-certificate check.
 */
class DeployerTest {

    private static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");

    @TempDir
    Path dir;

    private Lineages lineages;
    private Path target;
    private Path log;
    private final List<String> errors = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        lineages = new Lineages(dir.resolve("config"));
        lineages.install("a.test", NOW.minus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(80)));
        target = dir.resolve("server.pem");
        log = dir.resolve("log");
        Files.writeString(target, "the previous certificate\n");
    }

    @Test
    void aFailingConfigTestRestoresTheFileReloadsAgainAndSaysWhatFailed() throws IOException {
        DeployResult result = deployer().deploy(spec("echo 'line 3: bad directive' >&2; exit 1"), deployment());

        assertThat(result.succeeded()).isFalse();
        assertThat(result.failure()).startsWith("the configuration test failed: the configuration test command")
                .contains("exited with status 1", "line 3: bad directive", "restored 1 file(s): " + target,
                        "reloaded with the previous configuration");
        assertThat(Files.readString(target)).isEqualTo("the previous certificate\n");
        assertThat(Files.readAllLines(log)).as("only the reload after the restore").containsExactly("reload");
    }

    @Test
    void aFailingConfigTestWithNothingChangedDoesNotReload() throws IOException {
        Map<String, String> settings = new LinkedHashMap<>(spec("echo 'line 9: broken before' >&2; exit 1")
                .installer().settings());
        settings.put("target", "");

        DeployResult result = deployer().deploy(new DeploymentSpec(new InstallerSpec("file", settings), List.of(),
                null), deployment());

        assertThat(result.succeeded()).isFalse();
        assertThat(result.failure()).startsWith("the configuration test failed: the configuration test command")
                .contains("line 9: broken before", "no file had been changed, so nothing was restored or reloaded")
                .doesNotContain("restored 1", "reloaded with", "reloading");
        assertThat(log).as("neither the test's success nor a reload was logged").doesNotExist();
        assertThat(Files.readString(target)).isEqualTo("the previous certificate\n");
    }

    @Test
    void aSuccessfulInstallationIsCheckedAtEachEndpointAndName() throws Exception {
        try (TlsTestServer server = TlsTestServer.start(() -> liveEntry())) {
            DeploymentSpec spec = spec("true").withPending(null);
            spec = new DeploymentSpec(spec.installer(), List.of("127.0.0.1:" + server.port()), null);

            DeployResult result = deployer().deploy(spec, deployment());

            assertThat(result.failure()).isNull();
            assertThat(result.checks()).extracting(c -> c.endpoint().describe())
                    .containsExactly("127.0.0.1:" + server.port() + " (SNI a.test)");
            assertThat(Files.readString(target)).isEqualTo(Files.readString(deployment().live().fullchain()));
            assertThat(Files.readAllLines(log)).containsExactly("test", "reload");
        }
    }

    @Test
    void aServerThatServesAnotherCertificateFailsTheCheckWithBothFingerprints() throws Exception {
        KeyPair other = KeyType.EC_P256.generate();
        X509Certificate stranger = lineages.pki().leaf(other, List.of("a.test"), NOW, NOW.plus(Duration.ofDays(1)),
                java.math.BigInteger.TEN);
        try (TlsTestServer server = TlsTestServer.start(() -> new TlsTestServer.Entry(other.getPrivate(),
                new X509Certificate[] {stranger}))) {
            DeploymentSpec spec = new DeploymentSpec(spec("true").installer(), List.of("127.0.0.1:" + server.port()),
                    null);

            DeployResult result = deployer().deploy(spec, deployment());

            String live = ServedCertificateVerifier.shortForm(ServedCertificateVerifier.fingerprint(liveLeaf()));
            String served = ServedCertificateVerifier.shortForm(ServedCertificateVerifier.fingerprint(stranger));
            assertThat(result.failure()).startsWith("the served-certificate check failed: 127.0.0.1:" + server.port()
                    + " (SNI a.test) serves " + served + " but live/a.test/cert.pem is " + live + "\nrestored 1 file(s)");
            assertThat(Files.readString(target)).isEqualTo("the previous certificate\n");
            assertThat(Files.readAllLines(log)).containsExactly("test", "reload", "reload");
        }
    }

    @Test
    void theSequenceRecordsAFailedDeploymentAsPendingAndClearsItWhenItSucceeds() throws IOException {
        RenewalConf conf = lineages.store().readConf("a.test");
        PostIssuance sequence = Sequences.postIssuance(List.of(new FileInstallerType()), lineages.store(),
                runner(), reporter(), Clock.systemUTC(), Sleeper.REAL);

        PostIssuance.Outcome<Deployment> failed = sequence.start().perform(new PostIssuance.Job<>("a.test",
                conf.domains(), null, this::deployment, d -> d, spec("exit 1")));
        PendingDeployment pending = lineages.store().readConf("a.test").deployment().pending();
        PostIssuance.Outcome<Deployment> retried = sequence.start().perform(new PostIssuance.Job<>("a.test",
                conf.domains(), null, this::deployment, d -> d, spec("true")));

        assertThat(failed.succeeded()).isFalse();
        assertThat(failed.failures()).singleElement().asString()
                .startsWith("a.test: deployment failed: the configuration test failed:");
        assertThat(pending.version()).isEqualTo(1);
        assertThat(pending.failure()).startsWith("the configuration test failed:");
        assertThat(retried.succeeded()).isTrue();
        assertThat(lineages.store().readConf("a.test").deployment().pending()).isNull();
    }

    @Test
    void aWildcardIsCheckedWithOneNameUnderItAndAnAddressWithoutSni() {
        assertThat(Endpoint.forNames(Endpoint.parse("[::1]:8443"), List.of("*.a.test", "a.test", "192.0.2.1")))
                .extracting(Endpoint::describe)
                .containsExactly("[::1]:8443 (SNI vacme-check.a.test)", "[::1]:8443 (SNI a.test)",
                        "[::1]:8443 (no SNI)");
    }

    private Deployer deployer() {
        return Sequences.deployer(List.of(new FileInstallerType()), runner(), reporter(), Clock.systemUTC(),
                Sleeper.REAL);
    }

    private HookRunner runner() {
        return new HookRunner(System.getenv(), Duration.ofSeconds(20), dir);
    }

    private Reporter reporter() {
        return new Reporter() {
            @Override public void info(String message) { }
            @Override public void verbose(String message) { }
            @Override public void warn(String message) { }
            @Override public void error(String message) {
                errors.add(message);
            }
        };
    }

    private Deployment deployment() {
        return PostIssuance.live(lineages.store(), "a.test", List.of("a.test"));
    }

    private DeploymentSpec spec(String configTest) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("target", target.toString());
        settings.put("test", configTest + "; echo test >> " + log);
        settings.put("reload", "echo reload >> " + log);
        // The test command logs after its own exit only when it succeeded: "exit 1" stops the script first.
        return new DeploymentSpec(new InstallerSpec("file", settings), List.of(), null);
    }

    private X509Certificate liveLeaf() {
        try {
            return Pem.readCertificate(Files.readString(deployment().live().cert()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private TlsTestServer.Entry liveEntry() {
        try {
            PrivateKey key = Pem.readKeyPair(Files.readString(deployment().live().privkey())).getPrivate();
            return new TlsTestServer.Entry(key, Pem.readCertificates(Files.readString(deployment().live().fullchain()))
                    .toArray(new X509Certificate[0]));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies fullchain.pem to {@code target}; its config test and reload are the given shell commands. */
    private static final class FileInstallerType implements InstallerType {

        @Override
        public String name() {
            return "file";
        }

        @Override
        public String description() {
            return "a file";
        }

        @Override
        public InstallerOptions newOptions() {
            throw new UnsupportedOperationException("not used on a command line here");
        }

        @Override
        public Installer create(InstallerSpec spec, InstallerContext context) {
            Path file = Path.of(spec.settings().get("target"));
            return new Installer() {
                @Override
                public void install(Deployment deployment, Backup backup) {
                    if (spec.settings().get("target").isEmpty()) {
                        return; // an installer that finds nothing to change
                    }
                    backup.protect(file);
                    try {
                        Files.copy(deployment.live().fullchain(), file,
                                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    } catch (IOException e) {
                        throw new DeployException(DeployException.Step.INSTALL, e.getMessage(), e);
                    }
                }

                @Override
                public void configTest() {
                    context.runOrThrow(spec.settings().get("test"), DeployException.Step.CONFIG_TEST);
                }

                @Override
                public void reload() {
                    context.runOrThrow(spec.settings().get("reload"), DeployException.Step.RELOAD);
                }

                @Override
                public List<Endpoint> endpoints(Deployment deployment) {
                    return List.of();
                }

                @Override
                public List<String> preview(Deployment deployment, Path scratch) {
                    return List.of("copy to " + file);
                }
            };
        }
    }
}
