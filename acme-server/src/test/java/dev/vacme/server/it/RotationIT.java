package dev.vacme.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vacme.common.json.AcmeJson;
import dev.vacme.common.pki.Pem;
import dev.vacme.server.testing.Poll;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Intermediate rotation and alternate chains on the server jar, with lego (the Debian package)
 * as the client: a certificate, {@code vacme-server ca rotate-intermediate} beside the running
 * server, SIGHUP, a second certificate from the new intermediate; both chain to the same root and
 * both get renewal information. Then {@code ca cross-sign}, and lego's {@code --preferred-chain}
 * picks the alternate chain to the alternate root.
 */
class RotationIT {

    private static final Duration PICKUP = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void aRotatedIntermediateIssuesAfterSighupAndTheOldOneStillAnswers() throws Exception {
        int http01Port = ServerProcess.freePort();
        Path data = dir.resolve("data");
        try (ServerProcess server = ServerProcess.start(data, http01Port, "--intermediate-overlap", "0")) {
            Lego lego = new Lego(dir, server, http01Port);
            List<X509Certificate> before = lego.obtain("before.test");

            ServerProcess.Result rotated = ServerProcess.run("ca", "rotate-intermediate", "--data-dir", data.toString(),
                    "--intermediate-overlap", "0");
            assertThat(rotated.exitCode()).as(rotated.output()).isZero();
            assertThat(rotated.output()).contains("Made intermediate ", "issues from:");
            hangUp(server, "now issues new certificates");
            List<X509Certificate> after = lego.obtain("after.test");

            assertThat(after.get(1).getSubjectX500Principal()).isNotEqualTo(before.get(1).getSubjectX500Principal());
            assertThat(after.get(0).getIssuerX500Principal()).isEqualTo(after.get(1).getSubjectX500Principal());
            CertbotIT.assertChainsTo(before, server.root());
            CertbotIT.assertChainsTo(after, server.root());
            assertThat(CertbotIT.renewalWindowEnd(server, before.get(0))).isAfter(Instant.now());
            assertThat(CertbotIT.renewalWindowEnd(server, after.get(0))).isAfter(Instant.now());
            assertThat(openssl(dir, server.rootPath(), before)).isZero();
            assertThat(openssl(dir, server.rootPath(), after)).isZero();

            Commands.Outcome revoked = lego.run("-d", "before.test", "revoke");
            assertThat(revoked.exitCode()).as("revoking a certificate of the retired intermediate: "
                    + revoked.output()).isZero();
            assertThat(CertbotIT.renewalWindowEnd(server, before.get(0))).isBefore(Instant.now());

            JsonNode shown = showJson(data, "--intermediate-overlap", "0");
            assertThat(shown.get("intermediates")).extracting(node -> node.get("state").asText())
                    .containsExactly("retired", "active");
        }
    }

    @Test
    void legoPrefersTheAlternateChainOfACrossSignedIntermediate() throws Exception {
        int http01Port = ServerProcess.freePort();
        Path data = dir.resolve("data");
        try (ServerProcess server = ServerProcess.start(data, http01Port)) {
            ServerProcess.Result crossSigned = ServerProcess.run("ca", "cross-sign", "--data-dir", data.toString());
            assertThat(crossSigned.exitCode()).as(crossSigned.output()).isZero();
            hangUp(server, "alternate chain(s) of intermediate");
            JsonNode alternateRoot = showJson(data).get("alternateRoots").get(0);
            String commonName = alternateRoot.get("subject").asText().replaceFirst("^CN=([^,]+),.*$", "$1");
            X509Certificate alternate = Pem.readCertificate(Files.readString(data.resolve("ca/alternate-roots")
                    .resolve(alternateRoot.get("id").asText()).resolve("root.pem")));
            Lego lego = new Lego(dir, server, http01Port);

            List<X509Certificate> standard = lego.obtain("default.test");
            List<X509Certificate> preferred = lego.obtain("alternate.test", "--preferred-chain", commonName);

            assertThat(standard.get(standard.size() - 1).getIssuerX500Principal())
                    .isEqualTo(server.root().getSubjectX500Principal());
            CertbotIT.assertChainsTo(standard, server.root());
            assertThat(preferred).hasSize(2);
            assertThat(preferred.get(1).getIssuerX500Principal()).isEqualTo(alternate.getSubjectX500Principal());
            assertThat(preferred.get(1).getPublicKey()).as("the same intermediate key")
                    .isEqualTo(standard.get(1).getPublicKey());
            CertbotIT.assertChainsTo(preferred, alternate);
        }
    }

    /** Sends SIGHUP and waits until the server logs {@code expected}. */
    static void hangUp(ServerProcess server, String expected) throws Exception {
        Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(server.pid())).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
        Poll.until(server::output, output -> output.contains(expected), PICKUP);
    }

    private static JsonNode showJson(Path data, String... options) {
        List<String> arguments = new ArrayList<>(List.of("ca", "show", "--data-dir", data.toString(), "--json"));
        arguments.addAll(List.of(options));
        ServerProcess.Result shown = ServerProcess.run(arguments.toArray(String[]::new));
        assertThat(shown.exitCode()).as(shown.output()).isZero();
        String json = shown.output().substring(shown.output().indexOf('{'));
        return AcmeJson.readTree(json.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code openssl verify} of the leaf against the root with the intermediate as untrusted. */
    static int openssl(Path dir, Path root, List<X509Certificate> chain) throws Exception {
        Path leaf = Files.createTempFile(dir, "leaf", ".pem");
        Path intermediate = Files.createTempFile(dir, "intermediate", ".pem");
        Files.writeString(leaf, Pem.encodeCertificate(chain.get(0)));
        Files.writeString(intermediate, Pem.encodeCertificate(chain.get(1)));
        Commands.Outcome verified = Commands.run(dir, Map.of(), List.of("openssl", "verify", "-CAfile", root.toString(),
                "-untrusted", intermediate.toString(), leaf.toString()));
        assertThat(verified.output()).contains(": OK");
        return verified.exitCode();
    }

    /** lego with its state under the test's directory, trusting the server's root. */
    static final class Lego {
        private final Path dir;
        private final ServerProcess server;
        private final int http01Port;

        Lego(Path dir, ServerProcess server, int http01Port) {
            this.dir = dir;
            this.server = server;
            this.http01Port = http01Port;
        }

        List<X509Certificate> obtain(String name, String... runOptions) throws Exception {
            List<String> arguments = new ArrayList<>(List.of("-d", name, "run"));
            arguments.addAll(List.of(runOptions));
            Commands.Outcome issued = run(arguments.toArray(String[]::new));
            assertThat(issued.exitCode()).as(issued.output() + server.output()).isZero();
            return Pem.readCertificates(Files.readString(dir.resolve("lego/certificates/" + name + ".crt")));
        }

        Commands.Outcome run(String... arguments) {
            List<String> command = new ArrayList<>(List.of("lego", "--server", server.directoryUrl(), "--accept-tos",
                    "--email", "admin@example.com", "--path", dir.resolve("lego").toString(),
                    "--http", "--http.port", "127.0.0.1:" + http01Port));
            command.addAll(List.of(arguments));
            return Commands.run(dir, Map.of("LEGO_CA_CERTIFICATES", server.rootPath().toString()), command);
        }
    }
}
