package dev.vacme.server.ra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vacme.common.jws.Jwks;
import dev.vacme.common.model.Identifier;
import dev.vacme.common.pki.CsrBuilder;
import dev.vacme.common.pki.KeyType;
import dev.vacme.server.AcmeProblemException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;

class CsrPolicyTest {

    private static final List<Identifier> ORDER = List.of(Identifier.dns("a.example.com"),
            Identifier.dns("b.example.com"), Identifier.ip("192.0.2.1"));
    private static final List<Identifier> ONE = List.of(Identifier.dns("a.example.com"));
    private final KeyPair certKey = KeyType.EC_P256.generate();
    private final String accountThumbprint = Jwks.thumbprint(KeyType.EC_P256.generate().getPublic());

    @Test
    void acceptsExactlyTheOrderedNamesInAnyOrderAndCase() {
        byte[] csr = new CsrBuilder().dns("B.example.com").ip("192.0.2.1").dns("a.example.com").build(certKey);

        assertThat(CsrPolicy.check(csr, ORDER, accountThumbprint).publicKey()).isEqualTo(certKey.getPublic());
    }

    @Test
    void refusesMissingAndExtraNamesListingThem() {
        byte[] csr = new CsrBuilder().dns("a.example.com").dns("c.example.com").ip("192.0.2.1").build(certKey);

        assertBadCsr(csr, "the CSR's names must equal the order's identifiers; missing: b.example.com; "
                + "not in the order: c.example.com");
    }

    @Test
    void refusesTheAccountKey() {
        byte[] csr = new CsrBuilder().dns("a.example.com").dns("b.example.com").ip("192.0.2.1").build(certKey);

        assertThatThrownBy(() -> CsrPolicy.check(csr, ORDER, Jwks.thumbprint(certKey.getPublic())))
                .isInstanceOf(AcmeProblemException.class)
                .hasMessageContaining("badCSR").hasMessageContaining("is the account key");
    }

    @Test
    void refusesABrokenSignature() {
        byte[] csr = new CsrBuilder().dns("a.example.com").dns("b.example.com").ip("192.0.2.1").build(certKey);
        csr[csr.length - 3] ^= 1;

        assertBadCsr(csr, "the CSR's signature does not verify with its public key");
    }

    @Test
    void refusesGarbage() {
        assertBadCsr(new byte[] {0x30, 0x03, 1, 2, 3}, "the CSR cannot be parsed");
    }

    @Test
    void refusesWeakAndUnsupportedKeys() throws Exception {
        KeyPairGenerator p521 = KeyPairGenerator.getInstance("EC");
        p521.initialize(new ECGenParameterSpec("secp521r1"));
        KeyPairGenerator rsa1024 = KeyPairGenerator.getInstance("RSA");
        rsa1024.initialize(1024);

        assertBadCsr(new CsrBuilder().dns("a.example.com").build(p521.generateKeyPair()), ONE,
                "the certificate key uses an unsupported elliptic curve; use P-256 or P-384");
        assertBadCsr(new CsrBuilder().dns("a.example.com").build(rsa1024.generateKeyPair()), ONE,
                "the certificate key is RSA-1024; RSA keys must be 2048, 3072 or 4096 bits");
    }

    @Test
    void refusesOtherSubjectAltNamesAndAStrayCommonName() throws Exception {
        assertBadCsr(csrWith(new X500Name("CN=a.example.com"), new GeneralName(GeneralName.dNSName, "a.example.com"),
                new GeneralName(GeneralName.rfc822Name, "root@a.example.com")), ONE,
                "the CSR may only hold DNS and IP subjectAltNames, not email address root@a.example.com");
        assertBadCsr(csrWith(new X500Name("CN=z.example.com"), new GeneralName(GeneralName.dNSName, "a.example.com")), ONE,
                "the CSR's names must equal the order's identifiers; not in the order: z.example.com");
    }

    @Test
    void aNameMayBeInTheCommonNameOnly() throws Exception {
        byte[] cnOnly = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=A.example.com"), certKey.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(certKey.getPrivate())).getEncoded();
        byte[] split = csrWith(new X500Name("CN=a.example.com"), new GeneralName(GeneralName.dNSName, "b.example.com"));

        assertThat(CsrPolicy.check(cnOnly, ONE, accountThumbprint).commonName()).contains("A.example.com");
        assertThat(CsrPolicy.check(split, List.of(Identifier.dns("a.example.com"), Identifier.dns("b.example.com")),
                accountThumbprint)).isNotNull();
    }

    @Test
    void refusesCurvesOtherThanP256AndP384BeforeLookingAtTheSignature() throws Exception {
        KeyPairGenerator brainpool = KeyPairGenerator.getInstance("EC", new org.bouncycastle.jce.provider.BouncyCastleProvider());
        brainpool.initialize(new ECGenParameterSpec("brainpoolP256r1"));
        KeyPair key = brainpool.generateKeyPair();
        byte[] csr = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=a.example.com"), key.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA")
                        .setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider()).build(key.getPrivate()))
                .getEncoded();

        assertBadCsr(csr, ONE, "the certificate key uses an unsupported elliptic curve; use P-256 or P-384");
    }

    @Test
    void refusesACsrSignedWithSha1() throws Exception {
        byte[] csr = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=a.example.com"), certKey.getPublic())
                .build(new JcaContentSignerBuilder("SHA1withECDSA").build(certKey.getPrivate())).getEncoded();

        assertBadCsr(csr, ONE, "the CSR is signed with ECDSAWITHSHA1; sign it with SHA-256 or stronger");
    }

    @Test
    void refusesASmallOrderEd25519KeyThatAnyoneCanSignFor() throws Exception {
        // The identity point, and a signature (R = identity, S = 0) that verifies under it for any message.
        byte[] identity = new byte[32];
        identity[0] = 1;
        SubjectPublicKeyInfo spki = new SubjectPublicKeyInfo(
                new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519), identity);
        byte[] signature = new byte[64];
        signature[0] = 1;
        ContentSigner anyone = new ContentSigner() {
            private final java.io.ByteArrayOutputStream ignored = new java.io.ByteArrayOutputStream();

            @Override
            public AlgorithmIdentifier getAlgorithmIdentifier() {
                return new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519);
            }

            @Override
            public java.io.OutputStream getOutputStream() {
                return ignored;
            }

            @Override
            public byte[] getSignature() {
                return signature;
            }
        };
        byte[] csr = new PKCS10CertificationRequestBuilder(new X500Name("CN=a.example.com"), spki)
                .build(anyone).getEncoded();

        assertBadCsr(csr, ONE, "the certificate key is unsafe: its Ed25519 point is not a canonically encoded"
                + " point of full order");
    }

    @Test
    void refusesAnRsaKeyOfTwoClosePrimes() throws Exception {
        java.math.BigInteger p = java.math.BigInteger.probablePrime(1024, new java.util.Random(3));
        java.math.BigInteger n = p.multiply(p.nextProbablePrime());
        java.security.PublicKey weak = java.security.KeyFactory.getInstance("RSA")
                .generatePublic(new java.security.spec.RSAPublicKeySpec(n, java.math.BigInteger.valueOf(65537)));
        byte[] csr = new PKCS10CertificationRequestBuilder(new X500Name("CN=a.example.com"),
                SubjectPublicKeyInfo.getInstance(weak.getEncoded()))
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(KeyType.RSA_2048.generate().getPrivate()))
                .getEncoded();

        assertBadCsr(csr, ONE, "the certificate key is unsafe: its RSA modulus is the product of two primes"
                + " so close together that it can be factored");
    }

    private byte[] csrWith(X500Name subject, GeneralName... names) throws Exception {
        ExtensionsGenerator extensions = new ExtensionsGenerator();
        extensions.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
        return new JcaPKCS10CertificationRequestBuilder(subject, certKey.getPublic())
                .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(certKey.getPrivate())).getEncoded();
    }

    private void assertBadCsr(byte[] csr, String detail) {
        assertBadCsr(csr, ORDER, detail);
    }

    private void assertBadCsr(byte[] csr, List<Identifier> order, String detail) {
        assertThatThrownBy(() -> CsrPolicy.check(csr, order, accountThumbprint))
                .isInstanceOfSatisfying(AcmeProblemException.class, e -> {
                    assertThat(e.problem().type()).isEqualTo("urn:ietf:params:acme:error:badCSR");
                    assertThat(e.problem().status()).isEqualTo(400);
                    assertThat(e.problem().detail()).startsWith(detail);
                });
    }
}
