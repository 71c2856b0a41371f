package dev.vacme.server.va;

import dev.vacme.common.model.Identifier;
import io.vertx.core.Future;

/**
 * The validation authority: proves control of an identifier by completing a challenge
 * (RFC 8555 §8). It never touches the store; the registration authority records the outcome.
 */
public interface ValidationAuthority {

    /**
     * Validates one challenge. The future always succeeds once validation has finished, with
     * either success or the problem that explains the failure (types {@code connection},
     * {@code dns}, {@code unauthorized}, {@code incorrectResponse}, {@code tls}, ...); it fails
     * only on an internal error.
     */
    Future<ValidationOutcome> validate(ValidationRequest request);

    /**
     * Returns false when so many validations wait, in all, for this account or for this
     * identifier's host, that a new one could not start soon; the registration authority then asks
     * the client to come back later instead of queueing more.
     */
    default boolean acceptsMore(String accountId, Identifier identifier) {
        return true;
    }
}
