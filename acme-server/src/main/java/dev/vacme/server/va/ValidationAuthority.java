package dev.vacme.server.va;

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
}
