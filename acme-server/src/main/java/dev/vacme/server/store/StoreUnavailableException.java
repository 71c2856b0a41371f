package dev.vacme.server.store;

/**
 * The database could not be reached or dropped the connection (PostgreSQL down, restarting, or
 * unreachable): the request may succeed when retried shortly. The web front end answers it with
 * 503 and Retry-After instead of an internal error; work in the background retries it.
 */
public final class StoreUnavailableException extends RuntimeException {

    /** Creates the exception; {@code cause} is the driver's failure, for the log. */
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
