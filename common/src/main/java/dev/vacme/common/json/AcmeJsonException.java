package dev.vacme.common.json;

/** Thrown when a JSON document cannot be read as the ACME object it should be. */
public class AcmeJsonException extends IllegalArgumentException {

    /** Creates the exception with a message that names what was wrong. */
    public AcmeJsonException(String message, Throwable cause) {
        super(message, cause);
    }
}
