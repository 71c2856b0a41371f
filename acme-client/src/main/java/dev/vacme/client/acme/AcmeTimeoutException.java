package dev.vacme.client.acme;

/** A resource did not reach the expected state before the overall polling deadline. */
public class AcmeTimeoutException extends AcmeException {

    /** Creates the exception. */
    public AcmeTimeoutException(String message) {
        super(message);
    }
}
