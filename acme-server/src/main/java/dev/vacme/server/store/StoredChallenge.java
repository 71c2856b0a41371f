package dev.vacme.server.store;

import dev.vacme.common.model.ChallengeStatus;
import dev.vacme.common.problem.Problem;
import java.time.Instant;

/**
 * A challenge as the server stores it.
 *
 * @param id              the random challenge id, unique across all challenges
 * @param authorizationId the authorization it belongs to
 * @param type            the challenge type, e.g. {@code http-01}
 * @param token           the random token (RFC 8555 §8.3: at least 128 bits of entropy)
 * @param status          {@code PENDING}, {@code PROCESSING}, {@code VALID} or {@code INVALID}
 * @param validatedAt     when validation succeeded, or null
 * @param error           why validation failed, or null
 */
public record StoredChallenge(
        String id,
        String authorizationId,
        String type,
        String token,
        ChallengeStatus status,
        Instant validatedAt,
        Problem error) {
}
