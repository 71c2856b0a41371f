package dev.vacme.server.ra;

import dev.vacme.common.problem.Problem;
import dev.vacme.common.problem.ProblemType;
import dev.vacme.server.AcmeProblemException;

/** The answer for a resource that does not exist or belongs to another account: 404, malformed. */
final class NotFound {

    private NotFound() {
    }

    static AcmeProblemException of(String what) {
        return new AcmeProblemException(Problem.of(ProblemType.MALFORMED, "no such " + what).withStatus(404));
    }
}
