package dev.vacme.client.testing;

import dev.vacme.common.pki.IpAddresses;
import dev.vacme.common.pki.KeyType;
import dev.vacme.common.pki.Pem;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Certificates for tests: a TLS certificate for a local server, and CA-issued leaves with chosen dates. */
public final class TestPki {

    private final KeyPair caKeys = KeyType.EC_P256.generate();
    private final X509Certificate caCertificate;

    /** Creates a test CA. */
    public TestPki() {
        Instant now = Instant.now();
        caCertificate = build(caKeys, new X500Name("CN=Vacme Test CA"), caKeys,
                new X500Name("CN=Vacme Test CA"), BigInteger.ONE, now.minusSeconds(3600),
                now.plusSeconds(3650L * 86400), List.of(), true);
    }

    /** Returns the CA certificate. */
    public X509Certificate ca() {
        return caCertificate;
    }

    /** Issues a leaf for the names with the given validity. */
    public X509Certificate leaf(KeyPair subject, List<String> names, Instant notBefore, Instant notAfter,
            BigInteger serial) {
        return build(subject, new X500Name("CN=" + names.get(0)), caKeys, X500Name.getInstance(
                caCertificate.getSubjectX500Principal().getEncoded()), serial, notBefore, notAfter, names, false);
    }

    /** Returns a self-signed TLS server certificate for 127.0.0.1 and localhost. */
    public static X509Certificate loopbackTls(KeyPair keys) {
        X500Name name = new X500Name("CN=localhost");
        Instant now = Instant.now();
        return build(keys, name, keys, name, BigInteger.valueOf(now.toEpochMilli()), now.minusSeconds(3600),
                now.plusSeconds(30L * 86400), List.of("localhost", "127.0.0.1"), false);
    }

    /**
     * Returns a certificate that only carries names: subject and issuer common names, signed by
     * a throwaway key, for tests of what a chain says rather than whether it verifies.
     */
    public static X509Certificate named(String subjectCn, String issuerCn) {
        KeyPair keys = KeyType.EC_P256.generate();
        Instant now = Instant.now();
        return build(keys, new X500Name("CN=" + subjectCn), keys, new X500Name("CN=" + issuerCn),
                BigInteger.valueOf(now.toEpochMilli()), now.minusSeconds(3600), now.plusSeconds(86400), List.of(),
                false);
    }

    /** Returns leaf plus CA as PEM. */
    public String chainPem(X509Certificate leaf) {
        return Pem.encodeCertificates(List.of(leaf, caCertificate));
    }

    private static X509Certificate build(KeyPair subject, X500Name subjectName, KeyPair issuer, X500Name issuerName,
            BigInteger serial, Instant notBefore, Instant notAfter, List<String> names, boolean ca) {
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName, serial,
                    Date.from(notBefore), Date.from(notAfter), subjectName, subject.getPublic());
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    utils.createSubjectKeyIdentifier(subject.getPublic()));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    utils.createAuthorityKeyIdentifier(issuer.getPublic()));
            if (!names.isEmpty()) {
                List<GeneralName> sans = new ArrayList<>();
                for (String name : names) {
                    sans.add(IpAddresses.isLiteral(name) ? new GeneralName(GeneralName.iPAddress, name)
                            : new GeneralName(GeneralName.dNSName, name));
                }
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(sans.toArray(GeneralName[]::new)));
            }
            var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate());
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (Exception e) {
            throw new IllegalStateException("cannot build a test certificate", e);
        }
    }
}
