package dev.vacme.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * openssl as the relying party: certbot obtains certificates from the server jar started with
 * {@code --pki-listen}; {@code openssl ocsp} asks the responder the certificates name, and
 * {@code openssl crl} and {@code openssl verify -crl_check} read the CRL. A revocation through
 * ACME (certbot revoke) and one by {@code vacme-server admin revoke}, a separate process writing
 * the store, both show within seconds.
 */
class OpenSslRevocationIT {

    private static final Duration WITHIN = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private RelyingParty relyingParty;

    @Test
    void opensslSeesRevocationsThroughOcspAndTheCrl() throws Exception {
        int http01Port = ServerProcess.freePort();
        int pkiPort = ServerProcess.freePort();
        Path dataDir = dir.resolve("data");
        String pki = "http://127.0.0.1:" + pkiPort;
        try (ServerProcess server = ServerProcess.start(dataDir, http01Port, "--pki-listen", "127.0.0.1:" + pkiPort)) {
            CertbotIT.Certbot certbot = new CertbotIT.Certbot(dir, server, http01Port);
            for (String name : List.of("a.test", "b.test")) {
                Commands.Outcome issued = certbot.run("certonly", "--standalone", "-d", name);
                assertThat(issued.exitCode()).as(issued.output() + server.output()).isZero();
            }
            RelyingParty.Lineage a = new RelyingParty.Lineage(dir.resolve("config/live/a.test"));
            RelyingParty.Lineage b = new RelyingParty.Lineage(dir.resolve("config/live/b.test"));
            Path root = server.rootPath();
            relyingParty = new RelyingParty(dir, pki, root);

            assertThat(relyingParty.ocsp(a)).contains("Response verify OK", "cert.pem: good")
                    .doesNotContain("WARNING");

            Commands.Outcome revoked = certbot.run("revoke", "--cert-name", "a.test", "--reason", "superseded",
                    "--no-delete-after-revoke");
            assertThat(revoked.exitCode()).as(revoked.output()).isZero();

            assertThat(relyingParty.awaitOcsp(a, output -> output.contains("cert.pem: revoked")))
                    .contains("Response verify OK", "Reason: superseded");
            Path crl = awaitCrl(a, text -> text.contains(a.serialHex()));
            assertThat(openssl("crl", "-inform", "DER", "-in", crl.toString(), "-CAfile", a.chain().toString(),
                    "-noout", "-verify").output()).contains("verify OK");
            Path crlPem = dir.resolve("crl.pem");
            assertThat(openssl("crl", "-inform", "DER", "-in", crl.toString(), "-out", crlPem.toString()).exitCode())
                    .isZero();
            Commands.Outcome verifyRevoked = verifyWithCrl(a, root, crlPem);
            Commands.Outcome verifyGood = verifyWithCrl(b, root, crlPem);
            assertThat(verifyRevoked.exitCode()).as(verifyRevoked.output()).isNotZero();
            assertThat(verifyRevoked.output()).contains("certificate revoked");
            assertThat(verifyGood.exitCode()).as(verifyGood.output()).isZero();
            assertThat(verifyGood.output()).contains("cert.pem: OK");
            assertThat(relyingParty.ocsp(b)).contains("cert.pem: good");

            ServerProcess.Result admin = ServerProcess.run("admin", "revoke", "--data-dir", dataDir.toString(),
                    "--serial", b.serialHex(), "--reason", "keyCompromise");
            assertThat(admin.exitCode()).as(admin.output()).isZero();
            long adminRevoked = System.nanoTime();

            assertThat(relyingParty.awaitOcsp(b, output -> output.contains("cert.pem: revoked")))
                    .contains("Response verify OK", "Reason: keyCompromise");
            System.out.printf("OCSP showed the revocation by another process %d ms after it%n",
                    (System.nanoTime() - adminRevoked) / 1_000_000);
            Path newer = awaitCrl(b, text -> text.contains(b.serialHex()));
            assertThat(openssl("crl", "-inform", "DER", "-in", newer.toString(), "-noout", "-text").output())
                    .contains(a.serialHex(), "Key Compromise", "Superseded");
        }
    }

    /** Downloads the issuer's CRL until {@code openssl crl -text} shows what {@code done} wants; returns the DER file. */
    private Path awaitCrl(RelyingParty.Lineage lineage, Predicate<String> done) throws Exception {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        Path file = dir.resolve("crl.der");
        while (true) {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(
                    relyingParty.crlUrl(lineage.issuer()))).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).contains("application/pkix-crl");
            Files.write(file, response.body());
            String text = openssl("crl", "-inform", "DER", "-in", file.toString(), "-noout", "-text").output();
            if (done.test(text)) {
                return file;
            }
            assertThat(System.nanoTime()).as("within %s: %s", WITHIN, text).isLessThan(deadline);
            Thread.sleep(250);
        }
    }

    private Commands.Outcome verifyWithCrl(RelyingParty.Lineage lineage, Path root, Path crlPem) {
        return openssl("verify", "-crl_check", "-CRLfile", crlPem.toString(), "-CAfile", root.toString(),
                "-untrusted", lineage.chain().toString(), lineage.cert().toString());
    }

    private Commands.Outcome openssl(String... arguments) {
        return relyingParty.openssl(arguments);
    }
}
