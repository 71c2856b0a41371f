package dev.vacme.client.deploy.nginx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vacme.client.Reporter;
import dev.vacme.client.acme.Sleeper;
import dev.vacme.client.deploy.DeployResult;
import dev.vacme.client.deploy.Deployer;
import dev.vacme.client.deploy.Deployment;
import dev.vacme.client.deploy.ServedCertificateVerifier;
import dev.vacme.client.hook.HookRunner;
import dev.vacme.client.store.DeploymentSpec;
import dev.vacme.client.store.InstallerSpec;
import dev.vacme.client.store.LineageFiles;
import dev.vacme.client.testing.CollectingReporter;
import dev.vacme.client.testing.FreePorts;
import dev.vacme.client.testing.NginxProcess;
import dev.vacme.client.testing.Sequences;
import dev.vacme.client.testing.TestPki;
import dev.vacme.common.pki.KeyType;
import dev.vacme.common.pki.Pem;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nginx installer, driven by the deployer, against the real nginx of the Debian package
 * started by the test on free ports: first install, renewal, a configuration broken by the
 * admin, a reload nginx cannot carry out, a dry run, and the repair once the admin fixed the
 * configuration. The lineage is simulated by files in a {@code live/a.test/} directory that each
 * "renewal" overwrites.
 */
class NginxInstallerIT {

    private static final AtomicLong SERIALS = new AtomicLong(100);
    private static final List<String> NAMES = List.of("a.test", "www.a.test");

    @TempDir
    Path dir;

    private final TestPki pki = new TestPki();
    private final int httpPort = FreePorts.tcp();
    private final int httpsPort = FreePorts.tcp();
    private final List<String> log = new ArrayList<>();
    private NginxProcess nginx;
    private LineageFiles live;
    private Deployment deployment;

    @BeforeEach
    void startNginx() throws IOException {
        assumeTrue(NginxProcess.installed(), "nginx is not installed");
        nginx = NginxProcess.configure(dir.resolve("nginx"), """
                server {
                    listen 127.0.0.1:%d;
                    server_name a.test www.a.test;
                    # the site
                    location / { return 200 "hello\\n"; }
                }
                """.formatted(httpPort)).start(httpPort);
        live = new LineageFiles(Files.createDirectories(dir.resolve("vacme/live/a.test")));
        deployment = new Deployment("a.test", NAMES, live, 1);
    }

    @AfterEach
    void stopNginx() {
        if (nginx != null) {
            nginx.close();
        }
    }

    @Test
    void installsRenewsRefusesABrokenConfigAndRepairsAfterwards() throws IOException {
        X509Certificate first = renew();
        DeployResult installed = deployer().deploy(spec(), deployment);

        assertThat(installed.succeeded()).as(installed.failure() + nginx.logs()).isTrue();
        assertThat(installed.checks()).hasSize(2);
        assertThat(served("a.test")).isEqualTo(fingerprint(first));
        assertThat(served("www.a.test")).isEqualTo(fingerprint(first));
        assertThat(Files.readString(nginx.root().resolve("conf.d/servers.conf"))).contains(
                "    listen 127.0.0.1:" + httpPort + ";\n    listen " + httpsPort + " ssl;\n    listen [::]:"
                        + httpsPort + " ssl;\n    ssl_certificate " + live.fullchain() + ";\n    ssl_certificate_key "
                        + live.privkey() + ";\n    server_name a.test www.a.test;\n    # the site\n");
        Map<Path, String> afterInstall = snapshot();
        DeployResult again = deployer().deploy(spec(), deployment);
        assertThat(again.succeeded()).isTrue();
        assertThat(again.changed()).isEmpty();
        assertThat(snapshot()).isEqualTo(afterInstall);

        X509Certificate second = renew();
        DeployResult renewed = deployer().deploy(spec(), deployment);
        assertThat(renewed.succeeded()).as(renewed.failure()).isTrue();
        assertThat(served("a.test")).isEqualTo(fingerprint(second));

        Files.writeString(nginx.root().resolve("conf.d/other.conf"), "server { listen 127.0.0.1:" + httpPort
                + "; server_name other.test; no_such_directive on; }\n");
        Map<Path, String> broken = snapshot();
        renew();
        DeployResult refused = deployer().deploy(spec(), deployment);
        assertThat(refused.succeeded()).isFalse();
        assertThat(refused.failure()).startsWith("the configuration test failed: the nginx config test failed ("
                + nginx.ctl() + " -c " + nginx.root().resolve("nginx.conf") + " -t):")
                .contains("unknown directive \"no_such_directive\"");
        assertThat(nginx.isRunning()).isTrue();
        assertThat(served("a.test")).isEqualTo(fingerprint(second));
        assertThat(snapshot()).isEqualTo(broken);

        Files.delete(nginx.root().resolve("conf.d/other.conf"));
        X509Certificate fourth = renew();
        DeployResult repaired = deployer().deploy(spec(), deployment);
        assertThat(repaired.succeeded()).as(repaired.failure()).isTrue();
        assertThat(served("a.test")).isEqualTo(fingerprint(fourth));
    }

    @Test
    void aReloadThatDoesNotTakeEffectIsRolledBackAndReloadedAgain() throws IOException {
        X509Certificate first = renew();
        Map<Path, String> before = snapshot();
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), httpsPort));

            DeployResult result = deployer().deploy(spec(), deployment);

            assertThat(result.succeeded()).isFalse();
            assertThat(result.failure()).startsWith("the served-certificate check failed: 127.0.0.1:" + httpsPort
                    + " (SNI a.test) could not be checked")
                    .contains("\nrestored 1 file(s): " + nginx.root().resolve("conf.d/servers.conf").toRealPath())
                    .endsWith("\nreloaded with the previous configuration");
        }
        assertThat(snapshot()).isEqualTo(before);
        assertThat(nginx.isRunning()).isTrue();
        assertThat(fingerprint(first)).isNotEqualTo(served("a.test"));
    }

    @Test
    void aDryRunTestsACopyAndChangesNothing() throws IOException {
        renew();
        Map<Path, String> before = snapshot();
        Path scratch = Files.createDirectories(dir.resolve("scratch"));

        List<String> preview = deployer().preview(spec(), deployment, scratch);

        assertThat(preview).contains("nginx: " + nginx.root().resolve("conf.d/servers.conf") + ":1: added listen "
                + httpsPort + " ssl;", "check that 127.0.0.1:" + httpsPort + " (SNI www.a.test) serves"
                + " live/a.test/cert.pem");
        assertThat(snapshot()).isEqualTo(before);
        assertThat(scratch.resolve("nginx/conf.d/servers.conf")).content().contains("ssl_certificate_key");
    }

    private Deployer deployer() {
        Reporter reporter = new CollectingReporter(log);
        return Sequences.deployer(List.of(new NginxInstallerType()), new HookRunner(System.getenv(),
                Duration.ofSeconds(30), dir), reporter, Clock.systemUTC(), Sleeper.REAL);
    }

    private DeploymentSpec spec() {
        return new DeploymentSpec(new InstallerSpec("nginx", NginxInstallerType.settingsMap(
                new NginxSettings(nginx.root(), nginx.ctl(), httpsPort))), List.of(), null);
    }

    /** Writes a new certificate for the names into the live files, as a renewal would. */
    private X509Certificate renew() throws IOException {
        KeyPair keys = KeyType.EC_P256.generate();
        X509Certificate leaf = pki.leaf(keys, NAMES, Instant.now().minusSeconds(60), Instant.now().plusSeconds(86400),
                BigInteger.valueOf(SERIALS.incrementAndGet()));
        Files.writeString(live.cert(), Pem.encodeCertificate(leaf));
        Files.writeString(live.fullchain(), pki.chainPem(leaf));
        Files.writeString(live.privkey(), Pem.encodePrivateKey(keys.getPrivate()));
        return leaf;
    }

    private static String fingerprint(X509Certificate certificate) {
        return ServedCertificateVerifier.fingerprint(certificate);
    }

    private String served(String name) {
        var check = new ServedCertificateVerifier(Duration.ofSeconds(2), Duration.ZERO, Clock.systemUTC(),
                Sleeper.REAL).check(new dev.vacme.client.deploy.Endpoint("127.0.0.1", httpsPort, name), "", "x");
        return check.served() == null ? "nothing" : check.served();
    }

    /** Returns every file of the nginx configuration directory with its content. */
    private Map<Path, String> snapshot() throws IOException {
        Map<Path, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(nginx.root())) {
            for (Path file : walk.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".conf")).toList()) {
                files.put(nginx.root().relativize(file), Files.readString(file));
            }
        }
        return files;
    }
}
