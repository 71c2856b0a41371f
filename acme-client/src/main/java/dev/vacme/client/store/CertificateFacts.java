package dev.vacme.client.store;

import dev.vacme.common.pki.AriCertificateId;
import dev.vacme.common.pki.PkiException;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

/**
 * What {@code renew} needs to know about a lineage's current certificate without parsing it,
 * recorded when the version was installed: this keeps a run with nothing due down to reading
 * small text files.
 *
 * @param version     the archive version these facts describe
 * @param serial      the serial number in hex
 * @param notBefore   start of validity
 * @param notAfter    end of validity
 * @param ariId       the RFC 9773 certificate identifier, or null when the certificate has no AKI
 * @param renewalInfo the server's renewalInfo URL, or null when the server does not offer ARI
 * @param account     the URL of the account that ordered it, or null when unknown (written by an
 *                    older vacme, or rebuilt from the certificate file)
 * @param revocation  that it is revoked, or null when vacme knows of no revocation
 */
public record CertificateFacts(int version, String serial, Instant notBefore, Instant notAfter, String ariId,
        URI renewalInfo, URI account, Revocation revocation) {

    /** Creates the facts of a certificate not known to be revoked. */
    public CertificateFacts(int version, String serial, Instant notBefore, Instant notAfter, String ariId,
            URI renewalInfo, URI account) {
        this(version, serial, notBefore, notAfter, ariId, renewalInfo, account, null);
    }

    /**
     * Returns the facts of a certificate.
     *
     * @param version     the archive version it is stored as
     * @param leaf        the certificate
     * @param renewalInfo the renewalInfo URL of the server that issued it, or null
     * @param account     the account that ordered it, or null when unknown
     */
    public static CertificateFacts of(int version, X509Certificate leaf, URI renewalInfo, URI account) {
        String ariId;
        try {
            ariId = AriCertificateId.of(leaf).toString();
        } catch (PkiException e) {
            ariId = null;
        }
        return new CertificateFacts(version, leaf.getSerialNumber().toString(16), leaf.getNotBefore().toInstant(),
                leaf.getNotAfter().toInstant(), ariId, renewalInfo, account);
    }

    /** Returns the validity period. */
    public Duration lifetime() {
        return Duration.between(notBefore, notAfter);
    }

    /** Returns a copy with the renewalInfo URL the server now advertises (null for none). */
    public CertificateFacts withRenewalInfo(URI url) {
        return new CertificateFacts(version, serial, notBefore, notAfter, ariId, url, account, revocation);
    }

    /** Returns a copy that records the certificate as revoked. */
    public CertificateFacts withRevocation(Revocation newRevocation) {
        return new CertificateFacts(version, serial, notBefore, notAfter, ariId, renewalInfo, account, newRevocation);
    }

    /** Returns true when vacme knows the certificate is revoked. */
    public boolean revoked() {
        return revocation != null;
    }
}
