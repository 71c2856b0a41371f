package dev.vacme.common.pki;

/** Thrown when PEM, DER, a key, a certificate or a CSR cannot be read; the message says why. */
public class PkiException extends IllegalArgumentException {

    /** Creates the exception. */
    public PkiException(String message) {
        super(message);
    }

    /** Creates the exception with a cause. */
    public PkiException(String message, Throwable cause) {
        super(message, cause);
    }
}
