package dev.vacme.server.store;

import java.time.Instant;

/**
 * An external account binding key (RFC 8555 §7.3.4) as the server stores it.
 *
 * @param kid       the key identifier clients send in the binding's {@code kid}
 * @param hmacKey   the MAC key
 * @param label     the operator's label (e.g. a team or service name), or null
 * @param createdAt when it was created
 * @param accountId the account it is bound to, or null while unused
 * @param boundAt   when it was bound, or null
 * @param revokedAt when the operator revoked it, or null
 */
public record StoredEabKey(
        String kid,
        byte[] hmacKey,
        String label,
        Instant createdAt,
        String accountId,
        Instant boundAt,
        Instant revokedAt) {

    /** Whether the key may still bind an account. */
    public boolean usable() {
        return accountId == null && revokedAt == null;
    }
}
