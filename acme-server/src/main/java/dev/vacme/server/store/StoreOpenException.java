package dev.vacme.server.store;

/**
 * The store could not be opened: the database is unreachable, refused the login, is not a Vacme
 * database, or is newer than this version. The message is one line meant for the operator.
 */
public class StoreOpenException extends RuntimeException {

    /** Creates the exception with a one-line message. */
    public StoreOpenException(String message, Throwable cause) {
        super(message, cause);
    }
}
