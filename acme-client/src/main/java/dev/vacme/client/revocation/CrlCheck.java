package dev.vacme.client.revocation;

import dev.vacme.client.store.Revocation;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.CertException;
import org.bouncycastle.cert.X509CRLEntryHolder;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/**
 * Looks a certificate up in one CRL (RFC 5280 §5, §6.3): the CRL counts only when it is issued
 * under the certificate's issuer name and signed by the issuer's key, its {@code thisUpdate} is
 * not in the future, and its {@code nextUpdate} is present and has not passed (each with
 * {@link OcspCheck#SKEW} of tolerance). Then the certificate is revoked when its serial is listed
 * (with the entry's date and reason code), and not revoked otherwise. Delta and indirect CRLs are
 * not supported: such a CRL does not verify, and the status is unknown.
 */
final class CrlCheck {

    /** CRLs of a busy CA run to megabytes; more than this is not a CRL vacme should hold in memory. */
    static final long MAX_BYTES = 16L * 1024 * 1024;

    private final RevocationHttp http;

    CrlCheck(RevocationHttp http) {
        this.http = http;
    }

    /** Fetches the CRL at {@code url} and looks {@code leaf} up in it. */
    RevocationStatus check(URI url, X509Certificate leaf, X509Certificate issuer, Instant now, Duration timeout) {
        byte[] body;
        try {
            body = http.get(url, timeout, MAX_BYTES);
        } catch (RevocationHttp.FetchException e) {
            return RevocationStatus.unknown(e.getMessage());
        }
        String from = "the CRL " + url;
        X509CRLHolder crl;
        try {
            crl = new X509CRLHolder(der(body));
        } catch (IOException | RuntimeException e) {
            return RevocationStatus.unknown(from + " is not a CRL");
        }
        if (!crl.getIssuer().equals(X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()))) {
            return RevocationStatus.unknown(from + " is issued by " + crl.getIssuer() + ", not by the certificate's"
                    + " issuer");
        }
        try {
            if (!crl.isSignatureValid(new JcaContentVerifierProviderBuilder().build(issuer.getPublicKey()))) {
                return RevocationStatus.unknown(from + ": its signature does not verify with the issuer's key");
            }
        } catch (CertException | OperatorCreationException | RuntimeException e) {
            return RevocationStatus.unknown(from + ": its signature cannot be verified");
        }
        Instant thisUpdate = crl.getThisUpdate().toInstant();
        if (thisUpdate.isAfter(now.plus(OcspCheck.SKEW))) {
            return RevocationStatus.unknown(from + ": its thisUpdate " + thisUpdate + " lies in the future");
        }
        if (crl.getNextUpdate() == null) {
            return RevocationStatus.unknown(from + " has no nextUpdate, so its freshness cannot be judged");
        }
        Instant nextUpdate = crl.getNextUpdate().toInstant();
        if (now.minus(OcspCheck.SKEW).isAfter(nextUpdate)) {
            return RevocationStatus.unknown(from + " is stale (its nextUpdate " + nextUpdate + " has passed)");
        }
        X509CRLEntryHolder entry = crl.getRevokedCertificate(leaf.getSerialNumber());
        if (entry == null) {
            return RevocationStatus.good("CRL " + url);
        }
        return RevocationStatus.revoked(new Revocation(entry.getRevocationDate().toInstant(), reason(entry),
                "CRL " + url));
    }

    private static Integer reason(X509CRLEntryHolder entry) {
        Extension extension = entry.getExtension(Extension.reasonCode);
        if (extension == null) {
            return null;
        }
        try {
            return CRLReason.getInstance(extension.getParsedValue()).getValue().intValueExact();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Returns the DER of a CRL served as DER or, by some servers, as PEM. */
    private static byte[] der(byte[] body) {
        String text = new String(body, StandardCharsets.US_ASCII);
        int begin = text.indexOf("-----BEGIN X509 CRL-----");
        if (begin < 0) {
            return body;
        }
        int end = text.indexOf("-----END X509 CRL-----", begin);
        if (end < 0) {
            throw new IllegalArgumentException("unterminated PEM");
        }
        return Base64.getMimeDecoder().decode(text.substring(begin + "-----BEGIN X509 CRL-----".length(), end));
    }
}
