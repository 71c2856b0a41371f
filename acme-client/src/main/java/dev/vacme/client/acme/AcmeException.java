package dev.vacme.client.acme;

import dev.vacme.client.VacmeException;

/**
 * Something went wrong talking to the ACME server. Subclasses say what: the server answered
 * with a problem document ({@link AcmeProblemException}, {@link RateLimitedException},
 * {@link ValidationFailedException}), the network failed ({@link AcmeNetworkException}), the
 * answer made no sense ({@link AcmeProtocolException}), or polling ran out of time
 * ({@link AcmeTimeoutException}).
 */
public abstract class AcmeException extends VacmeException {

    /** Creates the exception. */
    protected AcmeException(String message) {
        super(message);
    }

    /** Creates the exception with its cause. */
    protected AcmeException(String message, Throwable cause) {
        super(message, cause);
    }
}
