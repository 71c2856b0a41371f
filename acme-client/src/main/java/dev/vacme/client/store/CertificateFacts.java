package dev.vacme.client.store;

import java.net.URI;
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
 */
public record CertificateFacts(int version, String serial, Instant notBefore, Instant notAfter, String ariId,
        URI renewalInfo) {

    /** Returns the validity period. */
    public Duration lifetime() {
        return Duration.between(notBefore, notAfter);
    }

    /** Returns a copy with the renewalInfo URL the server now advertises (null for none). */
    public CertificateFacts withRenewalInfo(URI url) {
        return new CertificateFacts(version, serial, notBefore, notAfter, ariId, url);
    }
}
