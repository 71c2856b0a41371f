package dev.vacme.server.store;

/**
 * A state transition that must not lose found its object in another state than it expected, for
 * example {@link Store#completeOrder} on an order that is no longer {@code processing}. It means a
 * concurrent request (possibly on another instance) moved the object first; nothing was written.
 */
public class StateConflictException extends IllegalStateException {

    /** Creates the exception. */
    public StateConflictException(String message) {
        super(message);
    }
}
