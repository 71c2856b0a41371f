package dev.vacme.client.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.client.testing.AcmeTestServer;
import dev.vacme.client.testing.Chains;
import dev.vacme.client.testing.CliRunner.Result;
import dev.vacme.client.testing.VacmeServerProcess;
import dev.vacme.common.pki.Pem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.junit.jupiter.api.Test;

/**
 * {@code --preferred-chain} against Vacme's own server whose intermediate was cross-signed by an
 * alternate root ({@code vacme-server ca cross-sign}): the default chain ends at the CA's root,
 * the alternate (RFC 8555 §7.4.2) at the alternate root.
 */
class VacmeAlternateChainIT extends AcmeServerTestBase {

    private X509Certificate alternateRoot;

    @Override
    AcmeTestServer startServer(Path dir) throws IOException {
        Path data = dir.resolve("data");
        VacmeServerProcess.start(data).close();
        crossSign(data);
        try (Stream<Path> roots = Files.list(data.resolve("ca/alternate-roots"))) {
            alternateRoot = Pem.readCertificate(Files.readString(roots.findFirst().orElseThrow().resolve("root.pem")));
        }
        return VacmeServerProcess.start(data);
    }

    private static void crossSign(Path data) throws IOException {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", VacmeServerProcess.jar().toString(), "ca", "cross-sign", "--data-dir", data.toString())
                .redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes());
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(output).isZero();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    @Test
    void theAlternateRootNamedIsSaved() throws Exception {
        String name = commonName(alternateRoot.getSubjectX500Principal());

        Result issued = vacme(args("certonly", standalone(), "-d", "alt.test", "--preferred-chain", name,
                "--register-unsafely-without-email", "--agree-tos"));

        assertThat(issued.exitCode()).as(issued + server.logs()).isZero();
        assertThat(topIssuer(live("alt.test").resolve("chain.pem"))).isEqualTo(name);
        Chains.validate(live("alt.test").resolve("fullchain.pem"), alternateRoot);
    }

    @Test
    void withoutAPreferenceTheDefaultChainEndsAtTheCaRoot() throws Exception {
        Result issued = vacme(args("certonly", standalone(), "-d", "default.test",
                "--register-unsafely-without-email", "--agree-tos"));

        assertThat(issued.exitCode()).as(issued + server.logs()).isZero();
        assertThat(topIssuer(live("default.test").resolve("chain.pem")))
                .isEqualTo(commonName(server.root().getSubjectX500Principal()));
        Chains.validate(live("default.test").resolve("fullchain.pem"), server.root());
    }

    private static String topIssuer(Path chainPem) throws IOException {
        List<X509Certificate> chain = Pem.readCertificates(Files.readString(chainPem));
        return commonName(chain.get(chain.size() - 1).getIssuerX500Principal());
    }

    private static String commonName(X500Principal principal) {
        return IETFUtils.valueToString(X500Name.getInstance(principal.getEncoded()).getRDNs(BCStyle.CN)[0]
                .getFirst().getValue());
    }
}
