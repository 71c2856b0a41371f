package dev.vacme.client.acme;

/**
 * The server's answer does not follow RFC 8555: an unexpected status without a problem document,
 * a missing {@code Location} or {@code Replay-Nonce}, JSON that does not fit the resource.
 */
public class AcmeProtocolException extends AcmeException {

    private final int httpStatus;

    /** Creates the exception. */
    public AcmeProtocolException(String message) {
        this(message, 0);
    }

    /** Creates the exception for an answer with an unexpected HTTP status. */
    public AcmeProtocolException(String message, int httpStatus) {
        super(message);
        this.httpStatus = httpStatus;
    }

    /** Creates the exception with its cause. */
    public AcmeProtocolException(String message, Throwable cause) {
        super(message, cause);
        this.httpStatus = 0;
    }

    /** Returns the HTTP status of the answer, or 0 when the status was not the problem. */
    public int httpStatus() {
        return httpStatus;
    }
}
