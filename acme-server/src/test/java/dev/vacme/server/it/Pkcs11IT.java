package dev.vacme.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.common.pki.Pem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CA's keys on a SoftHSM2 token ({@code ca-key: pkcs11}): the first start generates them on
 * the token, certbot gets a certificate signed there, a restart signs with the same keys, and the
 * private keys can never be read out of the token.
 */
class Pkcs11IT {

    @TempDir
    Path dir;

    @Test
    void aCaOnATokenIssuesToCertbotAndARestartReusesItsKeys() throws Exception {
        SoftHsmToken token = SoftHsmToken.create(dir.resolve("hsm"));
        Path data = dir.resolve("data");
        int port = ServerProcess.freePort();
        int http01Port = ServerProcess.freePort();
        String intermediateBefore;
        try (ServerProcess server = ServerProcess.startOnPort(port, data, http01Port, token.environment(),
                token.serverOptions())) {
            List<X509Certificate> chain = obtain(server, http01Port, "hsm.test");

            intermediateBefore = Files.readString(data.resolve("ca/intermediate.pem"));
            assertThat(chain.get(1)).isEqualTo(Pem.readCertificate(intermediateBefore));
            assertThat(server.output()).contains("the CA signs with PKCS#11 token 'vacme' key 'vacme-intermediate'");
        }
        assertThat(filesIn(data.resolve("ca"))).as("only certificates on disk")
                .containsExactly("intermediate.pem", "root.pem");

        try (ServerProcess server = ServerProcess.startOnPort(port, data, http01Port, token.environment(),
                token.serverOptions())) {
            List<X509Certificate> chain = obtain(server, http01Port, "again.test");

            assertThat(Files.readString(data.resolve("ca/intermediate.pem"))).isEqualTo(intermediateBefore);
            assertThat(chain.get(1)).isEqualTo(Pem.readCertificate(intermediateBefore));
        }
    }

    @Test
    void theKeysAreGeneratedOnTheTokenAsSensitiveNonExtractableTokenObjects() throws Exception {
        SoftHsmToken token = SoftHsmToken.create(dir.resolve("hsm"));
        try (ServerProcess server = ServerProcess.start(dir.resolve("data"), 80, token.environment(),
                token.serverOptions())) {
            assertThat(server.rootPath()).exists();
        }

        List<String> keys = inspect(token, "vacme-root", "vacme-intermediate");

        assertThat(keys).hasSize(2);
        assertThat(keys.get(0)).startsWith("vacme-root present=true encoded=null readable=false provider=")
                .contains("EC private key, 384 bits token object, sensitive, unextractable");
        assertThat(keys.get(1)).startsWith("vacme-intermediate present=true encoded=null readable=false provider=")
                .contains("EC private key, 256 bits token object, sensitive, unextractable");
    }

    @Test
    void aFailedFirstStartLeavesNoKeysOnTheToken() throws Exception {
        SoftHsmToken token = SoftHsmToken.create(dir.resolve("hsm"));

        ServerProcess.Result result = ServerProcess.run(token.environment(), concat(token.serverOptions(),
                "--data-dir", dir.resolve("data").toString(), "--listen", "127.0.0.1:0", "--cert-validity", "2000d"));

        assertThat(result.exitCode()).as(result.output()).isEqualTo(2);
        assertThat(inspect(token, "vacme-root", "vacme-intermediate"))
                .containsExactly("vacme-root present=false", "vacme-intermediate present=false");
        assertThat(filesIn(dir.resolve("data/ca"))).isEmpty();
    }

    /** What SunPKCS11 says about the keys under the labels, from a JVM with the token's SOFTHSM2_CONF. */
    static List<String> inspect(SoftHsmToken token, String... labels) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", jar() + ":" + Path.of("target/test-classes").toAbsolutePath(), TokenInspector.class.getName(),
                token.config().toString(), SoftHsmToken.PIN));
        command.addAll(List.of(labels));
        Commands.Outcome outcome = Commands.run(token.config().getParent(), token.environment(), command);
        assertThat(outcome.exitCode()).as(outcome.output()).isZero();
        return outcome.output().lines().filter(line -> line.startsWith("vacme-")).toList();
    }

    private List<X509Certificate> obtain(ServerProcess server, int http01Port, String name) throws Exception {
        Commands.Outcome issued = new CertbotIT.Certbot(dir, server, http01Port).run("certonly", "--standalone",
                "-d", name);
        assertThat(issued.exitCode()).as(issued.output() + server.output()).isZero();
        List<X509Certificate> chain = Pem.readCertificates(Files.readString(
                dir.resolve("config/live/" + name + "/fullchain.pem")));
        CertbotIT.assertChainsTo(chain, server.root());
        assertThat(chain).hasSize(2);
        return chain;
    }

    static List<String> filesIn(Path directory) throws java.io.IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    static String[] concat(String[] first, String... more) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private static Path jar() {
        return Path.of(System.getProperty("vacme.server.jar", "target/vacme-server.jar")).toAbsolutePath();
    }
}
