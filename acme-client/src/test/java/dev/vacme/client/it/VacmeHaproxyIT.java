package dev.vacme.client.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.client.deploy.Endpoint;
import dev.vacme.client.deploy.ServedCertificateVerifier;
import dev.vacme.client.testing.AcmeTestServer;
import dev.vacme.client.testing.CliRunner.Result;
import dev.vacme.client.testing.Deadlines;
import dev.vacme.client.testing.FreePorts;
import dev.vacme.client.testing.ServedCertificates;
import dev.vacme.client.testing.TestPki;
import dev.vacme.client.testing.VacmeServerProcess;
import dev.vacme.common.pki.KeyType;
import dev.vacme.common.pki.Pem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The HAProxy installer against the real Debian {@code haproxy} and Vacme's own server. The test runs
 * its own haproxy in the foreground on a free port, with its own haproxy.cfg, runtime API socket and
 * pid file in a temporary directory, starting from a self-signed placeholder certificate as an admin
 * would; the system's haproxy is never touched.
 */
class VacmeHaproxyIT extends AcmeServerTestBase {

    private Process haproxy;

    @Override
    AcmeTestServer startServer(Path dir) throws IOException {
        return VacmeServerProcess.start(dir.resolve("server-data"));
    }

    @AfterEach
    void stopHaproxy() throws InterruptedException {
        if (haproxy != null) {
            haproxy.destroy();
            if (!haproxy.waitFor(10, TimeUnit.SECONDS)) {
                haproxy.destroyForcibly();
            }
        }
    }

    @Test
    void theRuntimeApiServesEachNewCertificateAndAFailedUpdateIsRepairedByTheNextRenew() throws Exception {
        Path dir = Files.createDirectories(home.resolve("haproxy"));
        Path crt = dir.resolve("site.pem");
        Path socket = dir.resolve("admin.sock");
        int port = startHaproxy(dir, crt, socket);
        String target = "127.0.0.1:" + port;

        Result first = vacme(args("run", standalone(), "-d", "hp.test", "--register-unsafely-without-email",
                "--agree-tos", "-i", "haproxy", "--haproxy-crt", crt, "--haproxy-socket", socket,
                // Proves the socket is used: a reload through this command would fail the installation.
                "--haproxy-reload", "false", "--verify-served", target));

        assertThat(first.exitCode()).as(first + server.logs()).isZero();
        assertThat(first.out()).contains("Installed certificate hp.test (version 1) with haproxy.",
                target + " (SNI hp.test) serves it");
        assertThat(served(port)).isEqualTo(fingerprint(live("hp.test")));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(crt))).isEqualTo("rw-------");
        assertThat(Files.readString(crt)).startsWith(Files.readString(live("hp.test").resolve("fullchain.pem"))
                .strip()).contains("PRIVATE KEY");

        Result renewed = vacme("renew", "--force-renewal", "--no-random-sleep-on-renew");
        assertThat(renewed.exitCode()).as(renewed.toString()).isZero();
        String second = fingerprint(live("hp.test"));
        assertThat(served(port)).as("the renewed certificate, live without a reload").isEqualTo(second);
        byte[] secondPem = Files.readAllBytes(crt);

        Path away = dir.resolve("moved.sock");
        Files.move(socket, away);
        Result failed = vacme("renew", "--force-renewal", "--no-random-sleep-on-renew");

        assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
        assertThat(failed.err()).contains("hp.test: deployment failed: the reload failed: cannot",
                "HAProxy's runtime API on " + socket, "restored 1 file(s): " + crt);
        assertThat(failed.out()).doesNotContain("Congratulations");
        assertThat(served(port)).as("haproxy still serves the previous certificate").isEqualTo(second);
        assertThat(Files.readAllBytes(crt)).as("the previous PEM is back").isEqualTo(secondPem);
        String third = fingerprint(live("hp.test"));
        assertThat(third).as("the new version stays current").isNotEqualTo(second);
        Result mismatch = vacme("verify");
        assertThat(mismatch.exitCode()).isEqualTo(1);
        assertThat(mismatch.err()).contains("hp.test: " + target + " (SNI hp.test) serves "
                + ServedCertificateVerifier.shortForm(second) + " but live/hp.test/cert.pem is "
                + ServedCertificateVerifier.shortForm(third));

        Files.move(away, socket);
        Result repaired = vacme("renew");

        assertThat(repaired.exitCode()).as(repaired.toString()).isZero();
        assertThat(repaired.out()).contains("Installing hp.test again");
        assertThat(served(port)).isEqualTo(third);
        assertThat(vacme("verify").exitCode()).isZero();
    }

    @Test
    void withoutASocketTheReloadCommandMakesTheNewCertificateLive() throws Exception {
        Path dir = Files.createDirectories(home.resolve("haproxy-reload"));
        Path crt = dir.resolve("site.pem");
        int port = startHaproxy(dir, crt, dir.resolve("admin.sock"), "-W");
        // The master process re-reads haproxy.cfg and the certificates on SIGUSR2 (master-worker mode).
        String reload = "kill -USR2 $(cat " + dir.resolve("haproxy.pid") + ")";

        Result first = vacme(args("run", standalone(), "-d", "hp.test", "--register-unsafely-without-email",
                "--agree-tos", "-i", "haproxy", "--haproxy-crt", crt, "--haproxy-reload", reload,
                "--verify-served", "127.0.0.1:" + port));

        assertThat(first.exitCode()).as(first + server.logs()).isZero();
        String live = fingerprint(live("hp.test"));
        assertThat(servedAfterReload(port, live)).isEqualTo(live);
        assertThat(Files.readString(config.resolve("renewal/hp.test.conf")))
                .contains("[installer.haproxy]\ncrt = " + crt + "\nsocket = \nreload_command = " + reload + "\n");
    }

    /** Starts haproxy in the foreground with a placeholder certificate; returns its TLS port. */
    private int startHaproxy(Path dir, Path crt, Path socket, String... flags) throws Exception {
        KeyPair keys = KeyType.EC_P256.generate();
        Files.writeString(crt, Pem.encodeCertificate(TestPki.loopbackTls(keys)) + Pem.encodePrivateKey(
                keys.getPrivate()));
        int port = FreePorts.tcp();
        Path cfg = dir.resolve("haproxy.cfg");
        Files.writeString(cfg, String.join("\n",
                "global",
                "    stats socket " + socket + " level admin",
                "    pidfile " + dir.resolve("haproxy.pid"),
                "defaults",
                "    mode http",
                "    timeout connect 5s",
                "    timeout client 5s",
                "    timeout server 5s",
                "frontend tls",
                "    bind 127.0.0.1:" + port + " ssl crt " + crt,
                "    http-request return status 200 content-type text/plain string ok",
                ""));
        List<String> command = new ArrayList<>(List.of("haproxy", "-f", cfg.toString(),
                "-db"));
        command.addAll(List.of(flags));
        haproxy = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(dir.resolve("haproxy.log").toFile()).start();
        Deadlines.await(Duration.ofSeconds(20), "haproxy to serve on port " + port,
                () -> !haproxy.isAlive() || Files.exists(socket) && !served(port).equals("nothing"));
        assertThat(haproxy.isAlive()).as(Files.readString(dir.resolve("haproxy.log"))).isTrue();
        return port;
    }

    private static Endpoint endpoint(int port) {
        return new Endpoint("127.0.0.1", port, "hp.test");
    }

    private String served(int port) {
        return ServedCertificates.of(endpoint(port));
    }

    private String servedAfterReload(int port, String expected) throws InterruptedException {
        return ServedCertificates.afterReload(endpoint(port), expected);
    }

    private static String fingerprint(Path lineage) throws IOException {
        X509Certificate cert = Pem.readCertificate(Files.readString(lineage.resolve("cert.pem")));
        return ServedCertificateVerifier.fingerprint(cert);
    }
}
