package dev.vacme.common.model;

import java.time.Instant;
import java.util.List;

/**
 * An authorization object (RFC 8555 §7.1.4).
 *
 * @param identifier the identifier the account is authorized for
 * @param status     the authorization status
 * @param expires    when it expires (required once {@code valid})
 * @param challenges the challenges the client may complete
 * @param wildcard   true when the order asked for a wildcard name
 */
public record Authorization(
        Identifier identifier,
        AuthorizationStatus status,
        Instant expires,
        List<Challenge> challenges,
        Boolean wildcard) {

    public Authorization {
        challenges = challenges == null ? null : List.copyOf(challenges);
    }
}
