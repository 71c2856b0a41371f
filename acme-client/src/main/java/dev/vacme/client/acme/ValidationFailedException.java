package dev.vacme.client.acme;

import dev.vacme.common.problem.Problem;
import java.net.URI;
import java.util.List;

/**
 * The server could not validate control of one or more identifiers (RFC 8555 §7.5.1): the
 * authorizations became {@code invalid}. The problem lists one subproblem per failed identifier.
 */
public class ValidationFailedException extends AcmeProblemException {

    /** Creates the exception from the challenge errors of the failed authorizations. */
    public ValidationFailedException(List<Problem> failures, URI orderUrl) {
        super(combine(failures), orderUrl);
    }

    private static Problem combine(List<Problem> failures) {
        if (failures.size() == 1) {
            return failures.get(0);
        }
        return new Problem("urn:ietf:params:acme:error:compound", null, null,
                failures.size() + " identifiers could not be validated", null, null, failures, null);
    }
}
