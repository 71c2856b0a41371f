package dev.vacme.server.store;

import java.time.Instant;

/**
 * A cheap fingerprint of every revocation in the store: how many certificates are revoked and
 * when the latest was. Revocations are never undone, so any new one, by any instance or by
 * {@code vacme-server admin revoke}, changes it.
 *
 * @param revoked how many certificates are revoked
 * @param latest  when the latest revocation happened, or null when there is none
 */
public record RevocationMark(long revoked, Instant latest) {

    /** The mark of a store without revocations. */
    public static final RevocationMark NONE = new RevocationMark(0, null);

    /** The mark as one short text, as stored beside a CRL. */
    public String token() {
        return revoked + ":" + (latest == null ? 0 : latest.toEpochMilli());
    }
}
