package dev.vacme.common.pki;

import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;

/** Chooses the signature algorithm that goes with a key for CSRs and certificates. */
public final class SignatureAlgorithms {

    private SignatureAlgorithms() {
    }

    /**
     * Returns the JCA signature algorithm for a key: SHA-256 with RSA, ECDSA with the hash that
     * matches the curve size, or Ed25519.
     */
    public static String forKey(PublicKey key) {
        if (key instanceof RSAPublicKey) {
            return "SHA256withRSA";
        }
        if (key instanceof ECPublicKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            return bits > 384 ? "SHA512withECDSA" : bits > 256 ? "SHA384withECDSA" : "SHA256withECDSA";
        }
        if (key instanceof EdECPublicKey) {
            return "Ed25519";
        }
        throw new IllegalArgumentException("unsupported key algorithm " + key.getAlgorithm());
    }
}
