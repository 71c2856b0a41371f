package dev.vacme.common.jws;

/**
 * A JWS could not be parsed or verified. The {@link Failure} says which kind of problem it is, so
 * that a server can answer with the matching ACME error type and a client can explain it.
 */
public class JwsException extends Exception {

    /** What went wrong. */
    public enum Failure {
        /** The serialization or a header is malformed (RFC 8555 §6.2). */
        MALFORMED,
        /** The algorithm is not accepted, or does not fit the key (RFC 8555 §6.2). */
        UNSUPPORTED_ALGORITHM,
        /** The signature or MAC does not verify. */
        BAD_SIGNATURE,
        /** The JWS is well formed and signed but binds the wrong thing (URL, key, kid). */
        MISMATCH
    }

    private final Failure failure;

    /** Creates the exception. */
    public JwsException(Failure failure, String message) {
        super(message);
        this.failure = failure;
    }

    /** Creates the exception with a cause. */
    public JwsException(Failure failure, String message, Throwable cause) {
        super(message, cause);
        this.failure = failure;
    }

    /** Returns the kind of failure. */
    public Failure failure() {
        return failure;
    }
}
