package dev.vacme.server.ca;

import java.math.BigInteger;
import java.security.SecureRandom;

/**
 * Serial numbers: 128 random bits, positive and non-zero (RFC 5280 §4.1.2.2 allows up to 20
 * octets; the CA/Browser Forum asks for at least 64 bits of randomness).
 */
public final class SerialNumbers {

    private static final int BYTES = 16;

    private final SecureRandom random;

    /** Creates a generator over the given randomness. */
    public SerialNumbers(SecureRandom random) {
        this.random = random;
    }

    /** Returns a fresh random serial. */
    public BigInteger next() {
        byte[] bytes = new byte[BYTES];
        BigInteger serial;
        do {
            random.nextBytes(bytes);
            serial = new BigInteger(1, bytes);
        } while (serial.signum() == 0);
        return serial;
    }

    /** Returns the form serials take in the store and in certificate URLs: lowercase hex. */
    public static String toHex(BigInteger serial) {
        return serial.toString(16);
    }
}
