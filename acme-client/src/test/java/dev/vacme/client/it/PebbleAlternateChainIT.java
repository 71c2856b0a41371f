package dev.vacme.client.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.client.testing.AcmeTestServer;
import dev.vacme.client.testing.Chains;
import dev.vacme.client.testing.CliRunner.Result;
import dev.vacme.client.testing.PebbleServer;
import dev.vacme.common.pki.CsrBuilder;
import dev.vacme.common.pki.KeyType;
import dev.vacme.common.pki.Pem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.junit.jupiter.api.Test;

/**
 * {@code --preferred-chain} against Pebble offering one alternate chain per certificate
 * ({@code PEBBLE_ALTERNATE_ROOTS=1}, RFC 8555 §7.4.2): root 0 signs the default chain, root 1 the
 * alternate.
 */
class PebbleAlternateChainIT extends AcmeServerTestBase {

    @Override
    AcmeTestServer startServer(Path dir) throws IOException {
        return PebbleServers.start(dir, Map.of("PEBBLE_ALTERNATE_ROOTS", "1"));
    }

    @Test
    void theAlternateRootNamedIsSavedAndRememberedForRenewal() throws Exception {
        X509Certificate alternateRoot = pebble().root(1);
        String name = commonName(alternateRoot.getSubjectX500Principal());

        Result issued = vacme(args("certonly", standalone(), "-d", "alt.test", "--preferred-chain", name,
                "--register-unsafely-without-email", "--agree-tos"));

        assertThat(issued.exitCode()).as(issued + server.logs()).isZero();
        assertThat(topIssuer(live("alt.test").resolve("chain.pem"))).isEqualTo(name);
        Chains.validate(live("alt.test").resolve("fullchain.pem"), alternateRoot);
        assertThat(Files.readString(config.resolve("renewal/alt.test.conf"))).contains("preferred_chain = " + name);

        String first = Files.readString(live("alt.test").resolve("cert.pem"));
        Result renewed = vacme("renew", "--force-renewal", "--no-random-sleep-on-renew");

        assertThat(renewed.exitCode()).as(renewed + server.logs()).isZero();
        assertThat(Files.readString(live("alt.test").resolve("cert.pem"))).as("a new certificate").isNotEqualTo(first);
        Chains.validate(live("alt.test").resolve("fullchain.pem"), alternateRoot);
    }

    @Test
    void anIssuerNoChainHasKeepsTheDefaultChain() throws Exception {
        X509Certificate defaultRoot = pebble().root(0);

        Result issued = vacme(args("certonly", standalone(), "-d", "default.test", "--preferred-chain",
                "No Such Root", "--register-unsafely-without-email", "--agree-tos", "-v"));

        assertThat(issued.exitCode()).as(issued + server.logs()).isZero();
        assertThat(topIssuer(live("default.test").resolve("chain.pem")))
                .isEqualTo(commonName(defaultRoot.getSubjectX500Principal()));
        Chains.validate(live("default.test").resolve("fullchain.pem"), defaultRoot);
        assertThat(issued.out() + issued.err())
                .contains("no chain offered by the server matches the preferred chain No Such Root; keeping the"
                        + " default chain");
    }

    @Test
    void aCertificateForACsrGetsThePreferredChainToo() throws Exception {
        X509Certificate alternateRoot = pebble().root(1);
        byte[] der = new CsrBuilder().dns(List.of("csr.test")).build(KeyType.EC_P256.generate());
        Files.writeString(home.resolve("req.pem"), Pem.encodeCsr(der));

        Result issued = vacme(args("certonly", standalone(), "--csr", "req.pem", "--preferred-chain",
                commonName(alternateRoot.getSubjectX500Principal()), "--register-unsafely-without-email",
                "--agree-tos"));

        assertThat(issued.exitCode()).as(issued + server.logs()).isZero();
        Chains.validate(home.resolve("0000_fullchain.pem"), alternateRoot);
    }

    private PebbleServer pebble() {
        return (PebbleServer) server;
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
