package dev.vacme.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CRL and OCSP signed through the PKCS#11 token: the server jar with {@code ca-key: pkcs11} on its
 * own SoftHSM2 token and {@code --pki-listen}; certbot obtains and revokes a certificate, and
 * openssl finds the OCSP answers (good, then revoked) and the CRL verified by the intermediate,
 * whose private key exists only on the token.
 */
class Pkcs11RevocationIT {

    @TempDir
    Path dir;

    @Test
    void ocspAnswersAndTheCrlAreSignedWithTheIntermediateKeyOnTheToken() throws Exception {
        SoftHsmToken token = SoftHsmToken.create(dir.resolve("hsm"));
        Path data = dir.resolve("data");
        int http01Port = ServerProcess.freePort();
        int pkiPort = ServerProcess.freePort();
        String pki = "http://127.0.0.1:" + pkiPort;
        try (ServerProcess server = ServerProcess.start(data, http01Port, token.environment(),
                token.serverOptions("--pki-listen", "127.0.0.1:" + pkiPort))) {
            assertThat(server.output()).contains("the CA signs with PKCS#11 token 'vacme' key 'vacme-intermediate'");
            CertbotIT.Certbot certbot = new CertbotIT.Certbot(dir, server, http01Port);
            Commands.Outcome issued = certbot.run("certonly", "--standalone", "-d", "hsm.test");
            assertThat(issued.exitCode()).as(issued.output() + server.output()).isZero();
            RelyingParty.Lineage lineage = new RelyingParty.Lineage(dir.resolve("config/live/hsm.test"));
            RelyingParty openssl = new RelyingParty(dir, pki, server.rootPath());

            assertThat(openssl.ocsp(lineage)).contains("Response verify OK", "cert.pem: good");
            Commands.Outcome revoked = certbot.run("revoke", "--cert-name", "hsm.test", "--reason", "keycompromise",
                    "--no-delete-after-revoke");
            assertThat(revoked.exitCode()).as(revoked.output()).isZero();

            assertThat(openssl.awaitOcsp(lineage, output -> output.contains("cert.pem: revoked")))
                    .contains("Response verify OK", "Reason: keyCompromise");
            assertThat(openssl.awaitCrl(lineage.issuer(), lineage.chain(),
                    text -> text.contains(lineage.serialHex()))).contains("Key Compromise");

            // The root's CRL for the intermediate (nginx ssl_crl needs it), signed by the root key on the token.
            Path rootCrl = dir.resolve("root-crl.pem");
            List<String> rootCrlCommand = new java.util.ArrayList<>(List.of("ca", "root-crl", "--data-dir",
                    data.toString(), "--out", rootCrl.toString()));
            rootCrlCommand.addAll(List.of(token.serverOptions()));
            ServerProcess.Result written = ServerProcess.run(token.environment(), rootCrlCommand.toArray(String[]::new));
            assertThat(written.exitCode()).as(written.output()).isZero();
            assertThat(written.output()).contains("PKCS#11 token 'vacme' key 'vacme-root'");
            assertThat(openssl.openssl("crl", "-in", rootCrl.toString(), "-CAfile", server.rootPath().toString(),
                    "-noout", "-verify").output()).contains("verify OK");
        }
        assertThat(privateKeysUnder(data.resolve("ca"))).as("no CA private key on disk: the token signed").isEmpty();
    }

    private static List<Path> privateKeysUnder(Path directory) throws Exception {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).filter(file -> {
                try {
                    return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains("PRIVATE KEY");
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }
}
