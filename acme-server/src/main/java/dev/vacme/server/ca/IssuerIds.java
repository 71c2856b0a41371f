package dev.vacme.server.ca;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * Names an issuing CA by its key: the SHA-1 hash of the subject public key's bits, the key
 * identifier of RFC 5280 §4.2.1.2 (method 1) and the {@code issuerKeyHash} of an OCSP request
 * (RFC 6960 §4.1.1). The id stays the same for a re-issued certificate of the same key, and a
 * new intermediate key gets a new one.
 */
public final class IssuerIds {

    private IssuerIds() {
    }

    /** Returns the lower-case hex id of the certificate's key. */
    public static String of(X509Certificate issuer) {
        return HexFormat.of().formatHex(keyHash(issuer));
    }

    /** Returns the SHA-1 hash of the certificate's subject public key bits. */
    public static byte[] keyHash(X509Certificate issuer) {
        byte[] keyBits = SubjectPublicKeyInfo.getInstance(issuer.getPublicKey().getEncoded())
                .getPublicKeyData().getBytes();
        try {
            return MessageDigest.getInstance("SHA-1").digest(keyBits);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from the JDK", e);
        }
    }
}
