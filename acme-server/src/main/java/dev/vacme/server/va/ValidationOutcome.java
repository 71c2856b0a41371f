package dev.vacme.server.va;

import dev.vacme.common.problem.Problem;

/**
 * The outcome of a validation.
 *
 * @param error null when the challenge was completed, else why not
 */
public record ValidationOutcome(Problem error) {

    /** A successful validation. */
    public static ValidationOutcome valid() {
        return new ValidationOutcome(null);
    }

    /** A failed validation. */
    public static ValidationOutcome invalid(Problem error) {
        return new ValidationOutcome(error);
    }

    /** Returns true when the challenge was completed. */
    public boolean isValid() {
        return error == null;
    }
}
