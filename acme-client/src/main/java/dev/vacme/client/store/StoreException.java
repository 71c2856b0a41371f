package dev.vacme.client.store;

import dev.vacme.client.VacmeException;

/** The config directory cannot be read or written, or a file in it is corrupt. */
public class StoreException extends VacmeException {

    /** Creates the exception. */
    public StoreException(String message) {
        super(message);
    }

    /** Creates the exception with its cause. */
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
