package dev.vacme.common.challenge;

import com.nimbusds.jose.jwk.JWK;
import dev.vacme.common.jws.Base64Url;
import dev.vacme.common.jws.Jwks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;

/**
 * The values a client publishes to answer a challenge, all derived from the key authorization
 * (RFC 8555 §8.1).
 */
public final class KeyAuthorizations {

    /** The id-pe-acmeIdentifier certificate extension (RFC 8737 §6.1). */
    public static final ASN1ObjectIdentifier ACME_IDENTIFIER_OID = new ASN1ObjectIdentifier("1.3.6.1.5.5.7.1.31");

    /** The ALPN protocol name of TLS-ALPN-01 (RFC 8737 §6.2). */
    public static final String ACME_TLS_ALPN_PROTOCOL = "acme-tls/1";

    private KeyAuthorizations() {
    }

    /** Returns {@code token || '.' || base64url(JWK thumbprint)} (RFC 8555 §8.1). */
    public static String keyAuthorization(String token, JWK accountKey) {
        return token + "." + Jwks.thumbprint(accountKey);
    }

    /** Returns the TXT record value for dns-01: base64url(SHA-256(key authorization)) (RFC 8555 §8.4). */
    public static String dns01TxtValue(String keyAuthorization) {
        return Base64Url.encode(sha256(keyAuthorization));
    }

    /**
     * Returns the DER value of the acmeIdentifier extension for tls-alpn-01: an OCTET STRING
     * holding SHA-256(key authorization) (RFC 8737 §3).
     */
    public static byte[] tlsAlpn01ExtensionValue(String keyAuthorization) {
        try {
            return new DEROctetString(sha256(keyAuthorization)).getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns the SHA-256 digest of a string's UTF-8 bytes. */
    public static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
