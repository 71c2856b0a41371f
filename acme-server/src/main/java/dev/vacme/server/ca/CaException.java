package dev.vacme.server.ca;

/** The CA's key material cannot be loaded or created; the message says what to do. */
public class CaException extends RuntimeException {

    /** Creates the exception. */
    public CaException(String message) {
        super(message);
    }

    /** Creates the exception with a cause. */
    public CaException(String message, Throwable cause) {
        super(message, cause);
    }
}
