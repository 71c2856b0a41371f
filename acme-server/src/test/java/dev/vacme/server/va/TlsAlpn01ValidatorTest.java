package dev.vacme.server.va;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.common.challenge.KeyAuthorizations;
import dev.vacme.common.model.Identifier;
import dev.vacme.common.pki.KeyType;
import dev.vacme.common.pki.Pem;
import dev.vacme.common.problem.Problem;
import dev.vacme.common.problem.ProblemType;
import dev.vacme.server.AcmeProblemException;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * TLS-ALPN-01 (RFC 8737) against real TLS servers on the validator's port: 127.0.0.1 speaks
 * acme-tls/1 and picks its certificate by SNI (one per test name), 127.0.0.2 speaks TLS without
 * ALPN, nothing listens on 127.0.0.3, and 127.0.0.4 answers for itself as an IP identifier.
 */
class TlsAlpn01ValidatorTest {

    private static final String KEY_AUTHORIZATION = "token-0123456789abcdef0123456.9jg46WB3rR_AHD-EBXdN7cBkH1WOu0tA3M9fm21mqTI";
    private static final byte[] DIGEST = KeyAuthorizations.sha256(KEY_AUTHORIZATION);
    private static final byte[] OTHER_DIGEST = KeyAuthorizations.sha256("another.key-authorization");

    private static Vertx vertx;
    private static TlsAlpn01Validator validator;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        PemKeyCertOptions certificates = new PemKeyCertOptions();
        add(certificates, List.of(dns("good.test")), DIGEST, true);
        add(certificates, List.of(dns("digest.test")), OTHER_DIGEST, true);
        add(certificates, List.of(dns("twosans.test"), dns("extra.test")), DIGEST, true);
        add(certificates, List.of(dns("noncritical.test")), DIGEST, false);
        add(certificates, List.of(dns("noextension.test")), null, false);
        NetServerOptions acme = new NetServerOptions().setSsl(true).setSni(true).setUseAlpn(true)
                .setKeyCertOptions(certificates);
        acme.getSslOptions().setApplicationLayerProtocols(List.of(KeyAuthorizations.ACME_TLS_ALPN_PROTOCOL));
        NetServer acmeServer = vertx.createNetServer(acme).connectHandler(socket -> { });
        port = Await.result(acmeServer.listen(0, "127.0.0.1")).actualPort();
        PemKeyCertOptions ipCertificate = new PemKeyCertOptions();
        add(ipCertificate, List.of(new GeneralName(GeneralName.iPAddress, "127.0.0.4")), DIGEST, true);
        NetServerOptions forIp = new NetServerOptions().setSsl(true).setUseAlpn(true).setKeyCertOptions(ipCertificate);
        forIp.getSslOptions().setApplicationLayerProtocols(List.of(KeyAuthorizations.ACME_TLS_ALPN_PROTOCOL));
        Await.result(vertx.createNetServer(forIp).connectHandler(socket -> { }).listen(port, "127.0.0.4"));
        PemKeyCertOptions plainCertificate = new PemKeyCertOptions();
        add(plainCertificate, List.of(dns("noalpn.test")), DIGEST, true);
        Await.result(vertx.createNetServer(new NetServerOptions().setSsl(true).setKeyCertOptions(plainCertificate))
                .connectHandler(socket -> { }).listen(port, "127.0.0.2"));
        ValidationSettings settings = ValidationSettings.defaults()
                .withTlsAlpn01Port(port)
                .withTimeout(Duration.ofSeconds(5))
                .withAllowedNetworks(List.of(Cidr.parse("127.0.0.0/8")))
                .withHostOverrides(List.of(HostOverride.parse("*.test=127.0.0.1"),
                        HostOverride.parse("noalpn.test=127.0.0.2"), HostOverride.parse("refused.test=127.0.0.3")));
        validator = new TlsAlpn01Validator(vertx, settings, HostResolver.forSettings(vertx, settings));
    }

    @AfterAll
    static void stop() {
        vertx.close().await();
    }

    @Test
    void passesWithTheOneNameAndTheCriticalDigestExtension() throws Exception {
        Await.result(validator.validate(request(Identifier.dns("good.test"))));
    }

    @Test
    void validatesAnIpAddressAskingForItsReverseName() throws Exception {
        Await.result(validator.validate(request(Identifier.ip("127.0.0.4"))));
        assertThat(TlsAlpn01Validator.serverName(Identifier.ip("192.0.2.1"))).isEqualTo("1.2.0.192.in-addr.arpa");
        assertThat(TlsAlpn01Validator.serverName(Identifier.ip("2001:db8::1")))
                .isEqualTo("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "twosans.test     | unauthorized | 127.0.0.1: the tls-alpn-01 certificate must have exactly one subjectAltName, DNS:twosans.test; it has DNS:twosans.test, DNS:extra.test",
        "noncritical.test | unauthorized | 127.0.0.1: the acmeIdentifier extension of the tls-alpn-01 certificate is not marked critical",
        "noextension.test | unauthorized | 127.0.0.1: the tls-alpn-01 certificate has no acmeIdentifier extension (1.3.6.1.5.5.7.1.31)",
        "noalpn.test      | unauthorized | 127.0.0.2: noalpn.test:PORT did not negotiate the acme-tls/1 protocol (it chose none)",
        "refused.test     | connection   | 127.0.0.3: Connecting to refused.test:PORT for tls-alpn-01: Connection refused",
    })
    void failsWithAProblemSayingWhatWasWrong(String name, String type, String detail) throws Exception {
        assertThat(problem(Identifier.dns(name))).isEqualTo(
                Problem.of(ProblemType.fromUrn(ProblemType.URN_PREFIX + type), detail.replace("PORT", Integer.toString(port))));
    }

    @Test
    void aDifferentDigestIsIncorrectResponseShowingBoth() throws Exception {
        assertThat(problem(Identifier.dns("digest.test"))).isEqualTo(Problem.of(ProblemType.INCORRECT_RESPONSE,
                "127.0.0.1: the acmeIdentifier extension does not match this challenge: expected "
                        + HexFormat.of().formatHex(DIGEST) + ", received " + HexFormat.of().formatHex(OTHER_DIGEST)));
    }

    private static Problem problem(Identifier identifier) throws Exception {
        Throwable failure = Await.failure(validator.validate(request(identifier)));
        assertThat(failure).isInstanceOf(AcmeProblemException.class);
        return ((AcmeProblemException) failure).problem();
    }

    private static ValidationRequest request(Identifier identifier) {
        return new ValidationRequest("tls-alpn-01", identifier, "token-0123456789abcdef0123456", KEY_AUTHORIZATION,
                "acct");
    }

    private static GeneralName dns(String name) {
        return new GeneralName(GeneralName.dNSName, name);
    }

    /** Adds a self-signed certificate with these names and, unless null, the acmeIdentifier digest. */
    private static void add(PemKeyCertOptions options, List<GeneralName> names, byte[] digest, boolean critical)
            throws Exception {
        KeyPair keys = KeyType.EC_P256.generate();
        Instant now = Instant.now();
        X500Name subject = new X500Name("CN=tls-alpn-01 test");
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, BigInteger.ONE,
                Date.from(now.minusSeconds(60)), Date.from(now.plusSeconds(3600)), subject, keys.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(names.toArray(GeneralName[]::new)));
        if (digest != null) {
            builder.addExtension(KeyAuthorizations.ACME_IDENTIFIER_OID, critical, new DEROctetString(digest));
        }
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
        options.addKeyValue(Buffer.buffer(Pem.encodePrivateKey(keys.getPrivate())))
                .addCertValue(Buffer.buffer(Pem.encodeCertificate(certificate)));
    }
}
