package dev.vacme.server.store;

import java.time.Instant;

/**
 * Which certificates an operator lists.
 *
 * @param notAfterBefore only certificates whose notAfter is before this instant, or null for any
 * @param notAfterAfter  only certificates whose notAfter is after this instant (still unexpired
 *                       then), or null for any
 * @param name           only certificates naming this identifier value exactly, or null for any
 */
public record CertificateQuery(Instant notAfterBefore, Instant notAfterAfter, String name) {

    /** Every certificate. */
    public static CertificateQuery all() {
        return new CertificateQuery(null, null, null);
    }
}
