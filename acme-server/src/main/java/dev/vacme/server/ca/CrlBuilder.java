package dev.vacme.server.ca;

import java.io.IOException;
import java.math.BigInteger;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.operator.ContentSigner;

/**
 * Builds an issuer's full CRL (RFC 5280 §5): version 2, the issuer's subject as issuer name,
 * thisUpdate and nextUpdate, the CRL number and authority key identifier extensions (§5.2.1,
 * §5.2.3), and one entry per revoked certificate with its revocation date and, unless it is
 * unspecified, its reason code (§5.3.1). Signed through the issuer's {@link SigningKeySource}.
 * Blocking (it signs): call on a worker.
 */
public final class CrlBuilder {

    private CrlBuilder() {
    }

    /**
     * Builds and signs the CRL.
     *
     * @return the CRL, DER encoded
     */
    public static byte[] build(SigningKeySource issuer, long number, Instant thisUpdate, Instant nextUpdate,
            List<RevocationEntry> entries) {
        return build(issuer.issuer(), issuer.signer(), number, thisUpdate, nextUpdate, entries);
    }

    /**
     * Builds a CRL signed by {@code signer} with the key of {@code issuerCertificate}, e.g. a
     * root's, wherever that key lives.
     *
     * @return the CRL, DER encoded
     */
    public static byte[] build(X509Certificate issuerCertificate, ContentSigner signer, long number,
            Instant thisUpdate, Instant nextUpdate, List<RevocationEntry> entries) {
        X509v2CRLBuilder builder = new JcaX509v2CRLBuilder(issuerCertificate, Date.from(thisUpdate));
        builder.setNextUpdate(Date.from(nextUpdate));
        for (RevocationEntry entry : entries) {
            builder.addCRLEntry(entry.serial(), Date.from(entry.revokedAt()), entry.reason());
        }
        try {
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(number)));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(issuerCertificate.getPublicKey()));
            return builder.build(signer).getEncoded();
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot build the CRL", e);
        }
    }
}
