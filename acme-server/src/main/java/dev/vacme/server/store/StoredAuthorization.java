package dev.vacme.server.store;

import dev.vacme.common.model.AuthorizationStatus;
import dev.vacme.common.model.Identifier;
import java.time.Instant;
import java.util.List;

/**
 * An authorization as the server stores it. The stored status is one of {@code PENDING},
 * {@code VALID}, {@code INVALID} or {@code DEACTIVATED}; {@code EXPIRED} is derived from
 * {@code expires} when the authorization is read (RFC 8555 §7.1.6).
 *
 * @param id         the random authorization id
 * @param accountId  the owning account
 * @param identifier the identifier (for a wildcard order: without the {@code *.} prefix, §7.1.3)
 * @param wildcard   whether it was created for a wildcard name
 * @param status     the stored status
 * @param expires    when a pending authorization expires, or when a valid one stops being reusable
 * @param challenges the challenges offered, in order
 * @param createdAt  when it was created
 */
public record StoredAuthorization(
        String id,
        String accountId,
        Identifier identifier,
        boolean wildcard,
        AuthorizationStatus status,
        Instant expires,
        List<StoredChallenge> challenges,
        Instant createdAt) {

    public StoredAuthorization {
        challenges = List.copyOf(challenges);
    }
}
