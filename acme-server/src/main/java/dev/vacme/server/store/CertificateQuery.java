package dev.vacme.server.store;

import java.time.Instant;

/**
 * Which certificates an operator lists.
 *
 * @param notAfterBefore only certificates whose notAfter is before this instant, or null for any
 * @param notAfterAfter  only certificates whose notAfter is after this instant (still unexpired
 *                       then), or null for any
 * @param name           only certificates naming this identifier value exactly, or null for any
 * @param accountId      only certificates ordered by this account, or null for any
 */
public record CertificateQuery(Instant notAfterBefore, Instant notAfterAfter, String name, String accountId) {

    /** A query over every account's certificates. */
    public CertificateQuery(Instant notAfterBefore, Instant notAfterAfter, String name) {
        this(notAfterBefore, notAfterAfter, name, null);
    }

    /** Every certificate. */
    public static CertificateQuery all() {
        return new CertificateQuery(null, null, null, null);
    }

    /** The certificates one account ordered that are still unexpired at {@code now}. */
    public static CertificateQuery unexpiredOf(String accountId, Instant now) {
        return new CertificateQuery(null, now, null, accountId);
    }
}
