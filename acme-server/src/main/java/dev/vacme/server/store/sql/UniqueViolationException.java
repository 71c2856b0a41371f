package dev.vacme.server.store.sql;

/** A statement broke a unique or primary key constraint; engines translate their own error to it. */
public class UniqueViolationException extends RuntimeException {

    /** Creates the exception with the engine's message and error. */
    public UniqueViolationException(String message, Throwable cause) {
        super(message, cause);
    }
}
