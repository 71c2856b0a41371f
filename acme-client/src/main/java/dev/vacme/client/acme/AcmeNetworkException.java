package dev.vacme.client.acme;

/** The ACME server could not be reached, or a request timed out or broke off. */
public class AcmeNetworkException extends AcmeException {

    /** Creates the exception with the I/O failure that caused it. */
    public AcmeNetworkException(String message, Throwable cause) {
        super(message, cause);
    }
}
