package dev.vacme.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.common.pki.Pem;
import dev.vacme.server.ca.IssuerIds;
import dev.vacme.server.testing.Poll;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rotation and revocation together on the server jar with {@code --pki-listen}: certbot gets a
 * certificate, {@code vacme-server ca rotate-intermediate --intermediate-overlap 0} and SIGHUP make
 * a new intermediate issue the next one. Each leaf names its own issuer's CRL and the one OCSP
 * URL; both intermediates' CRLs are served and verify; revoking the old issuer's certificate shows
 * in OCSP (answered by the old intermediate) and on the old CRL only.
 */
class RotationRevocationIT {

    @TempDir
    Path dir;

    @Test
    void theRetiredIntermediateKeepsAnsweringForWhatItSigned() throws Exception {
        int http01Port = ServerProcess.freePort();
        int pkiPort = ServerProcess.freePort();
        String pki = "http://127.0.0.1:" + pkiPort;
        Path data = dir.resolve("data");
        try (ServerProcess server = ServerProcess.start(data, http01Port, "--intermediate-overlap", "0",
                "--pki-listen", "127.0.0.1:" + pkiPort)) {
            CertbotIT.Certbot certbot = new CertbotIT.Certbot(dir, server, http01Port);
            obtain(certbot, server, "old.test");
            ServerProcess.Result rotated = ServerProcess.run("ca", "rotate-intermediate", "--data-dir", data.toString(),
                    "--intermediate-overlap", "0");
            assertThat(rotated.exitCode()).as(rotated.output()).isZero();
            hangUp(server, "now issues new certificates");
            obtain(certbot, server, "new.test");
            RelyingParty.Lineage old = new RelyingParty.Lineage(dir.resolve("config/live/old.test"));
            RelyingParty.Lineage current = new RelyingParty.Lineage(dir.resolve("config/live/new.test"));
            RelyingParty openssl = new RelyingParty(dir, pki, server.rootPath());

            assertThat(IssuerIds.of(current.issuer())).isNotEqualTo(IssuerIds.of(old.issuer()));
            for (RelyingParty.Lineage lineage : new RelyingParty.Lineage[] {old, current}) {
                assertThat(openssl.extensions(lineage)).as(lineage.directory().toString())
                        .contains("URI:" + openssl.crlUrl(lineage.issuer()), "OCSP - URI:" + pki + "/ocsp");
                assertThat(openssl.awaitCrl(lineage.issuer(), lineage.chain(), text -> true))
                        .doesNotContain(old.serialHex(), current.serialHex());
                assertThat(openssl.ocsp(lineage)).contains("Response verify OK", "cert.pem: good");
            }

            Commands.Outcome revoked = certbot.run("revoke", "--cert-name", "old.test", "--reason", "superseded",
                    "--no-delete-after-revoke");
            assertThat(revoked.exitCode()).as(revoked.output()).isZero();

            assertThat(openssl.awaitOcsp(old, output -> output.contains("cert.pem: revoked")))
                    .contains("Response verify OK", "Reason: superseded")
                    .containsIgnoringCase("Responder Id: " + IssuerIds.of(old.issuer()).toUpperCase(Locale.ROOT));
            assertThat(openssl.ocsp(current)).contains("Response verify OK", "cert.pem: good")
                    .containsIgnoringCase("Responder Id: " + IssuerIds.of(current.issuer()).toUpperCase(Locale.ROOT));
            assertThat(openssl.awaitCrl(old.issuer(), old.chain(), text -> text.contains(old.serialHex())))
                    .contains("Superseded");
            assertThat(openssl.awaitCrl(current.issuer(), current.chain(), text -> true))
                    .doesNotContain(old.serialHex()).contains("No Revoked Certificates");
        }
    }

    private void obtain(CertbotIT.Certbot certbot, ServerProcess server, String name) throws Exception {
        Commands.Outcome issued = certbot.run("certonly", "--standalone", "-d", name);
        assertThat(issued.exitCode()).as(issued.output() + server.output()).isZero();
        CertbotIT.assertChainsTo(Pem.readCertificates(Files.readString(
                dir.resolve("config/live/" + name + "/fullchain.pem"))), server.root());
    }

    /** Sends SIGHUP and waits until the server logs {@code expected}, as RotationIT does. */
    private static void hangUp(ServerProcess server, String expected) throws Exception {
        Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(server.pid())).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
        Poll.until(server::output, output -> output.contains(expected), Duration.ofSeconds(30));
    }
}
