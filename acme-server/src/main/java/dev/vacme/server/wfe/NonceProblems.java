package dev.vacme.server.wfe;

import dev.vacme.common.problem.ProblemType;
import dev.vacme.server.AcmeProblemException;

/** The {@code badNonce} problems both nonce services answer with (RFC 8555 §6.5). */
final class NonceProblems {

    private NonceProblems() {
    }

    static AcmeProblemException badNonce(String detail) {
        return AcmeProblemException.of(ProblemType.BAD_NONCE, detail + "; retry with the fresh nonce in Replay-Nonce");
    }
}
