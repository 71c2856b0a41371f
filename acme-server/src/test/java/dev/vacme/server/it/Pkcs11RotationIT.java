package dev.vacme.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vacme.common.json.AcmeJson;
import dev.vacme.common.pki.Pem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Intermediate rotation and alternate chains for a CA whose keys are on a SoftHSM2 token: the new
 * keys are made on the token (sensitive, never extractable), the root signs there, the CA
 * directory names the key's label instead of holding a key file, and the running server signs
 * with the new key after SIGHUP. lego is the client, as in {@link RotationIT}.
 */
class Pkcs11RotationIT {

    @TempDir
    Path dir;

    @Test
    void aRotatedIntermediateOnTheTokenIssuesAfterSighupAndNoKeyFileIsWritten() throws Exception {
        SoftHsmToken token = SoftHsmToken.create(dir.resolve("hsm"));
        Path data = dir.resolve("data");
        int http01Port = ServerProcess.freePort();
        String label;
        try (ServerProcess server = ServerProcess.start(data, http01Port, token.environment(),
                token.serverOptions("--intermediate-overlap", "0"))) {
            RotationIT.Lego lego = new RotationIT.Lego(dir, server, http01Port);
            List<X509Certificate> before = lego.obtain("before.test");

            ServerProcess.Result rotated = ca(token, "rotate-intermediate", "--data-dir", data.toString(),
                    "--intermediate-overlap", "0", "--json");
            assertThat(rotated.exitCode()).as(rotated.output()).isZero();
            JsonNode made = json(rotated);
            String id = made.get("id").asText();
            label = "vacme-intermediate-" + id;
            assertThat(made.get("key").asText()).isEqualTo("PKCS#11 token 'vacme' key '" + label + "'");
            RotationIT.hangUp(server, "now issues new certificates");
            List<X509Certificate> after = lego.obtain("after.test");

            Path newDir = data.resolve("ca/intermediates").resolve(id);
            X509Certificate newIntermediate = Pem.readCertificate(Files.readString(newDir.resolve("cert.pem")));
            assertThat(after.get(0).getIssuerX500Principal()).isEqualTo(newIntermediate.getSubjectX500Principal());
            assertThat(after.get(1)).isEqualTo(newIntermediate);
            assertThat(before.get(1)).isEqualTo(Pem.readCertificate(Files.readString(data.resolve("ca/intermediate.pem"))));
            CertbotIT.assertChainsTo(before, server.root());
            CertbotIT.assertChainsTo(after, server.root());
            assertThat(RotationIT.openssl(dir, server.rootPath(), before)).isZero();
            assertThat(RotationIT.openssl(dir, server.rootPath(), after)).isZero();

            assertThat(Pkcs11IT.filesIn(newDir)).containsExactly("cert.pem", "created", "key.label");
            assertThat(Files.readString(newDir.resolve("key.label"))).isEqualTo(label + "\n");
            assertThat(keyFilesUnder(data)).as("no private key file anywhere in the data directory").isEmpty();
            assertThat(Pkcs11IT.inspect(token, label)).singleElement().asString()
                    .startsWith(label + " present=true encoded=null readable=false provider=")
                    .contains("EC private key, 256 bits token object, sensitive, unextractable");

            JsonNode shown = json(ca(token, "show", "--data-dir", data.toString(), "--intermediate-overlap", "0",
                    "--json"));
            assertThat(shown.get("root").get("key").asText()).isEqualTo("PKCS#11 token 'vacme' key 'vacme-root'");
            assertThat(shown.get("intermediates")).extracting(node -> node.get("state").asText())
                    .containsExactly("retired", "active");
            assertThat(shown.get("intermediates")).extracting(node -> node.get("key").asText())
                    .containsExactly("PKCS#11 token 'vacme' key 'vacme-intermediate'",
                            "PKCS#11 token 'vacme' key '" + label + "'");
        }

        try (ServerProcess restarted = ServerProcess.start(data, http01Port, token.environment(),
                token.serverOptions("--intermediate-overlap", "0"))) {
            assertThat(restarted.output()).as("a new start finds the rotated key on the token by its label")
                    .contains("the CA signs with PKCS#11 token 'vacme' key '" + label + "'");
            List<X509Certificate> again = new RotationIT.Lego(dir, restarted, http01Port).obtain("again.test");
            Path rotatedCert = data.resolve("ca/intermediates").resolve(label.substring("vacme-intermediate-".length()))
                    .resolve("cert.pem");
            assertThat(again.get(1)).isEqualTo(Pem.readCertificate(Files.readString(rotatedCert)));
            CertbotIT.assertChainsTo(again, restarted.root());
        }
    }

    @Test
    void crossSigningOnATokenCaMakesTheAlternateRootOnTheTokenAndLegoCanPreferIt() throws Exception {
        SoftHsmToken token = SoftHsmToken.create(dir.resolve("hsm"));
        Path data = dir.resolve("data");
        int http01Port = ServerProcess.freePort();
        try (ServerProcess server = ServerProcess.start(data, http01Port, token.environment(),
                token.serverOptions())) {
            ServerProcess.Result crossSigned = ca(token, "cross-sign", "--data-dir", data.toString(), "--json");
            assertThat(crossSigned.exitCode()).as(crossSigned.output()).isZero();
            RotationIT.hangUp(server, "alternate chain(s) of intermediate");

            JsonNode alternateRoot = json(ca(token, "show", "--data-dir", data.toString(), "--json"))
                    .get("alternateRoots").get(0);
            String label = "vacme-root-alternate-" + alternateRoot.get("id").asText();
            assertThat(alternateRoot.get("key").asText()).isEqualTo("PKCS#11 token 'vacme' key '" + label + "'");
            Path rootDir = data.resolve("ca/alternate-roots").resolve(alternateRoot.get("id").asText());
            assertThat(Pkcs11IT.filesIn(rootDir)).containsExactly("root-key.label", "root.pem");
            assertThat(keyFilesUnder(data)).isEmpty();
            assertThat(Pkcs11IT.inspect(token, label)).singleElement().asString()
                    .startsWith(label + " present=true encoded=null readable=false provider=")
                    .contains("EC private key, 384 bits token object, sensitive, unextractable");

            X509Certificate alternate = Pem.readCertificate(Files.readString(rootDir.resolve("root.pem")));
            String commonName = alternateRoot.get("subject").asText().replaceFirst("^CN=([^,]+),.*$", "$1");
            List<X509Certificate> preferred = new RotationIT.Lego(dir, server, http01Port)
                    .obtain("alternate.test", "--preferred-chain", commonName);
            assertThat(preferred.get(1).getIssuerX500Principal()).isEqualTo(alternate.getSubjectX500Principal());
            CertbotIT.assertChainsTo(preferred, alternate);
        }
    }

    @Test
    void theCommandsOnATokenCaFailWithOneLineWhenTheSettingsAreMissingOrThePinIsWrong() throws Exception {
        SoftHsmToken token = SoftHsmToken.create(dir.resolve("hsm"));
        Path data = dir.resolve("data");
        try (ServerProcess server = ServerProcess.start(data, 80, token.environment(), token.serverOptions())) {
            assertThat(server.rootPath()).exists();
        }

        ServerProcess.Result bare = ServerProcess.run(token.environment(), "ca", "rotate-intermediate",
                "--data-dir", data.toString());
        token.writePinFile("wrong-pin");
        ServerProcess.Result wrongPin = ca(token, "rotate-intermediate", "--data-dir", data.toString());

        assertThat(bare.exitCode()).isEqualTo(2);
        assertThat(bare.output().strip()).isEqualTo("vacme-server ca: the CA in " + data.resolve("ca") + " keeps its "
                + "keys on a PKCS#11 token (there is no root-key.pem): give the server's token settings, --ca-key "
                + "pkcs11 --pkcs11-config FILE --pkcs11-pin-file FILE (or VACME_PKCS11_PIN), or --config with them");
        assertThat(wrongPin.exitCode()).isEqualTo(2);
        assertThat(wrongPin.output().strip()).isEqualTo("vacme-server ca: wrong PIN for PKCS#11 token 'vacme' "
                + "(pkcs11-pin-file or VACME_PKCS11_PIN)");
        assertThat(Pkcs11IT.filesIn(data.resolve("ca"))).containsExactly("intermediate.pem", "root.pem");
    }

    /** Runs {@code vacme-server ca ...} with the token's settings, as the server got them. */
    private static ServerProcess.Result ca(SoftHsmToken token, String... arguments) {
        List<String> command = new ArrayList<>(List.of("ca"));
        command.addAll(List.of(arguments));
        command.addAll(List.of(token.serverOptions()));
        return ServerProcess.run(token.environment(), command.toArray(String[]::new));
    }

    private static JsonNode json(ServerProcess.Result result) {
        assertThat(result.exitCode()).as(result.output()).isZero();
        String json = result.output().substring(result.output().indexOf('{'));
        return AcmeJson.readTree(json.getBytes(StandardCharsets.UTF_8));
    }

    /** Every file under {@code dir} that holds a private key: PEM key files or anything with a PRIVATE KEY block. */
    private static List<Path> keyFilesUnder(Path dir) throws Exception {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith("key.pem") || (!name.endsWith(".db") && !name.contains(".db-")
                        && Files.readString(file, StandardCharsets.ISO_8859_1).contains("PRIVATE KEY"))) {
                    found.add(file);
                }
            }
        }
        return found;
    }
}
