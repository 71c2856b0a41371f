package dev.vacme.client.challenge;

import dev.vacme.client.VacmeException;

/** An authenticator could not publish a challenge response (port taken, webroot not writable, hook failed). */
public class AuthenticatorException extends VacmeException {

    /** Creates the exception. */
    public AuthenticatorException(String message) {
        super(message);
    }

    /** Creates the exception with its cause. */
    public AuthenticatorException(String message, Throwable cause) {
        super(message, cause);
    }
}
