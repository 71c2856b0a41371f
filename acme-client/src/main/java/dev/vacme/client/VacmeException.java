package dev.vacme.client;

/**
 * Root of the client's exception tree. Every failure the client expects (a server problem, a
 * network error, a broken store, a failing hook, bad usage) is a subclass with a meaning;
 * {@link dev.vacme.client.cli.ExitCodes} turns them into exit codes in one place.
 */
public class VacmeException extends RuntimeException {

    /** Creates the exception with a message meant for the operator. */
    public VacmeException(String message) {
        super(message);
    }

    /** Creates the exception with a message meant for the operator and its cause. */
    public VacmeException(String message, Throwable cause) {
        super(message, cause);
    }
}
