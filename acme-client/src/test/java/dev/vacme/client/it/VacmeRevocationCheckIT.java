package dev.vacme.client.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.client.cli.ExitCodes;
import dev.vacme.client.testing.AcmeTestServer;
import dev.vacme.client.testing.CliRunner.Result;
import dev.vacme.client.testing.FreePorts;
import dev.vacme.client.testing.Poll;
import dev.vacme.client.testing.VacmeServerProcess;
import dev.vacme.common.pki.Pem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code --check-revocation} against Vacme's own OCSP responder: a certificate the operator revokes
 * with {@code vacme-server admin revoke}, which this lineage knows nothing of, is found revoked
 * through the OCSP URL the certificate names, recorded in the lineage, and replaced by the next
 * {@code renew}.
 */
class VacmeRevocationCheckIT extends AcmeServerTestBase {

    private Path serverData;

    @Override
    AcmeTestServer startServer(Path dir) throws IOException {
        serverData = dir.resolve("server-data");
        return VacmeServerProcess.start(serverData, List.of("--pki-listen", "127.0.0.1:" + FreePorts.tcp()));
    }

    private X509Certificate liveCertificate(String name) throws IOException {
        return Pem.readCertificate(Files.readString(live(name).resolve("cert.pem")));
    }

    @Test
    void findsACertificateTheOperatorRevokedAndRenewsIt() throws Exception {
        Result issued = vacme(args("certonly", standalone(), "-d", "ocsp.test", "--register-unsafely-without-email",
                "--agree-tos"));
        assertThat(issued.exitCode()).as(issued + server.logs()).isZero();
        X509Certificate first = liveCertificate("ocsp.test");

        Result good = vacme("certificates", "--check-revocation");
        assertThat(good.exitCode()).as(good + server.logs()).isZero();
        assertThat(good.out()).contains("VALID").doesNotContain("REVOKED");

        operatorRevokes(first, "keyCompromise");
        assertThat(Files.readString(config.resolve("renewal/ocsp.test.conf"))).doesNotContain("revoked_at");

        // The responder learns of a revocation by another process within seconds (it polls the store).
        Result[] found = new Result[1];
        Poll.until(Duration.ofSeconds(20), () -> {
            found[0] = vacme("certificates", "--check-revocation");
            return found[0].exitCode() == ExitCodes.REVOKED;
        });
        assertThat(found[0].exitCode()).as(found[0] + server.logs()).isEqualTo(ExitCodes.REVOKED);
        assertThat(found[0].out()).contains("REVOKED: keyCompromise");
        assertThat(Files.readString(config.resolve("renewal/ocsp.test.conf")))
                .contains("revoked_at = ", "revocation_reason = keyCompromise", "revocation_source = OCSP http://");

        Result renewed = vacme("renew", "--no-random-sleep-on-renew");
        assertThat(renewed.exitCode()).as(renewed + server.logs()).isZero();
        X509Certificate second = liveCertificate("ocsp.test");
        assertThat(second.getSerialNumber()).isNotEqualTo(first.getSerialNumber());
        assertThat(second.getPublicKey()).as("a revoked certificate's key is never reused")
                .isNotEqualTo(first.getPublicKey());

        Result afterRenewal = vacme("certificates", "--check-revocation");
        assertThat(afterRenewal.exitCode()).as(afterRenewal + server.logs()).isZero();
        assertThat(afterRenewal.out()).doesNotContain("REVOKED");
    }

    /** Runs {@code vacme-server admin revoke} on the server's data directory while it runs. */
    private void operatorRevokes(X509Certificate certificate, String reason) throws Exception {
        Process admin = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", VacmeServerProcess.jar().toString(), "admin", "revoke", "--data-dir", serverData.toString(),
                "--serial", certificate.getSerialNumber().toString(16), "--reason", reason)
                .redirectErrorStream(true).start();
        assertThat(admin.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(admin.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(admin.exitValue()).as(output).isZero();
        assertThat(server.isRevoked(certificate)).isTrue();
    }
}
