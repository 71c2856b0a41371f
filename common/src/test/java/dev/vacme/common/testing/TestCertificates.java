package dev.vacme.common.testing;

import dev.vacme.common.pki.SignatureAlgorithms;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Small certificates for tests: a self-signed issuer and leaves it signs. */
public final class TestCertificates {

    private TestCertificates() {
    }

    /** Creates a self-signed CA certificate. */
    public static X509Certificate selfSigned(KeyPair keys, String commonName) {
        return build(keys, commonName, keys, commonName, null, BigInteger.ONE, true);
    }

    /** Creates a leaf certificate for {@code subjectKeys}, signed by the issuer. */
    public static X509Certificate issue(KeyPair subjectKeys, String commonName, KeyPair issuerKeys,
            X509Certificate issuer, BigInteger serial) {
        return build(subjectKeys, commonName, issuerKeys, issuer.getSubjectX500Principal().getName(), issuer,
                serial, false);
    }

    private static X509Certificate build(KeyPair subjectKeys, String commonName, KeyPair issuerKeys,
            String issuerName, X509Certificate issuer, BigInteger serial, boolean ca) {
        try {
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            X500Name issuerX500 = issuer == null ? new X500Name("CN=" + issuerName) : new X500Name(issuerName);
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerX500, serial,
                    Date.from(now.minus(1, ChronoUnit.HOURS)), Date.from(now.plus(90, ChronoUnit.DAYS)),
                    new X500Name("CN=" + commonName), subjectKeys.getPublic());
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    utils.createSubjectKeyIdentifier(subjectKeys.getPublic()));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    utils.createAuthorityKeyIdentifier(issuerKeys.getPublic()));
            var signer = new JcaContentSignerBuilder(SignatureAlgorithms.forKey(issuerKeys.getPublic()))
                    .build(issuerKeys.getPrivate());
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (Exception e) {
            throw new IllegalStateException("cannot build test certificate", e);
        }
    }
}
