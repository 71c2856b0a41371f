package dev.vacme.common.jws;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.Arrays;
import java.util.Map;

/** Conversions between Java public keys and JWKs (RFC 7517), and JWK thumbprints (RFC 7638). */
public final class Jwks {

    /** DER prefix of an Ed25519 SubjectPublicKeyInfo; the 32-byte key follows (RFC 8410 §4). */
    private static final byte[] ED25519_SPKI_PREFIX = {
        0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00
    };

    private Jwks() {
    }

    /** Returns the public JWK of a key (EC P-256/384/521, RSA or Ed25519). */
    public static JWK fromPublicKey(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return new RSAKey.Builder(rsa).build();
        }
        if (key instanceof ECPublicKey ec) {
            Curve curve = Curve.forECParameterSpec(ec.getParams());
            if (curve == null) {
                throw new IllegalArgumentException("unsupported elliptic curve");
            }
            return new ECKey.Builder(curve, ec).build();
        }
        if (key instanceof EdECPublicKey && "Ed25519".equalsIgnoreCase(ed25519Name(key))) {
            byte[] encoded = key.getEncoded();
            byte[] x = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
            return new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(x)).build();
        }
        throw new IllegalArgumentException("unsupported key type " + key.getAlgorithm());
    }

    /**
     * Converts a public JWK into a Java key.
     *
     * @throws JwsException (MALFORMED) when the JWK is invalid, private, or of an unsupported type
     */
    public static PublicKey toPublicKey(JWK jwk) throws JwsException {
        if (!(jwk instanceof RSAKey || jwk instanceof ECKey || jwk instanceof OctetKeyPair)) {
            throw new JwsException(JwsException.Failure.MALFORMED, "unsupported JWK key type " + jwk.getKeyType());
        }
        if (jwk.isPrivate()) {
            throw new JwsException(JwsException.Failure.MALFORMED, "the JWK must not contain private key material");
        }
        try {
            if (jwk instanceof RSAKey rsa) {
                return rsa.toRSAPublicKey();
            }
            if (jwk instanceof ECKey ec) {
                return ec.toECPublicKey();
            }
            if (jwk instanceof OctetKeyPair okp && Curve.Ed25519.equals(okp.getCurve())) {
                byte[] x = okp.getDecodedX();
                if (x.length != 32) {
                    throw new JwsException(JwsException.Failure.MALFORMED, "an Ed25519 key must be 32 bytes");
                }
                byte[] spki = Arrays.copyOf(ED25519_SPKI_PREFIX, ED25519_SPKI_PREFIX.length + 32);
                System.arraycopy(x, 0, spki, ED25519_SPKI_PREFIX.length, 32);
                return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
            }
        } catch (JOSEException | java.security.GeneralSecurityException | RuntimeException e) {
            // The JDK reports some impossible key values (e.g. a coordinate of the wrong size) unchecked.
            throw new JwsException(JwsException.Failure.MALFORMED, "invalid JWK: " + e.getMessage(), e);
        }
        throw new JwsException(JwsException.Failure.MALFORMED,
                "unsupported JWK key type " + jwk.getKeyType() + curveSuffix(jwk));
    }

    /**
     * Parses a JWK from its JSON members.
     *
     * @throws JwsException (MALFORMED) when it is not a valid JWK
     */
    public static JWK parse(Map<String, Object> members) throws JwsException {
        try {
            return JWK.parse(members);
        } catch (ParseException | RuntimeException e) {
            throw new JwsException(JwsException.Failure.MALFORMED, "invalid JWK: " + e.getMessage(), e);
        }
    }

    /**
     * Returns the canonical public JWK of the key a JWK denotes: only the members RFC 7638 hashes,
     * each in its minimal encoding (RFC 7518 §2 "Base64urlUInt": no leading zero octets; EC
     * coordinates of the curve's full size). Two encodings of one key give the same canonical JWK,
     * so one key can never pass for two.
     *
     * @throws JwsException (MALFORMED) when the JWK does not denote a supported public key
     */
    public static JWK canonical(JWK jwk) throws JwsException {
        return fromPublicKey(toPublicKey(jwk));
    }

    /**
     * Returns the RFC 7638 SHA-256 thumbprint of the key a JWK denotes, base64url-encoded without
     * padding, computed over its {@linkplain #canonical canonical} encoding.
     *
     * @throws IllegalArgumentException when the JWK does not denote a supported public key
     */
    public static String thumbprint(JWK jwk) {
        try {
            return computeThumbprint(canonical(jwk));
        } catch (JwsException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Returns the RFC 7638 SHA-256 thumbprint of a public key. */
    public static String thumbprint(PublicKey key) {
        return computeThumbprint(fromPublicKey(key));
    }

    private static String computeThumbprint(JWK canonical) {
        try {
            return canonical.computeThumbprint().toString();
        } catch (JOSEException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static String ed25519Name(PublicKey key) {
        return ((EdECPublicKey) key).getParams().getName();
    }

    private static String curveSuffix(JWK jwk) {
        if (jwk instanceof OctetKeyPair okp) {
            return " with curve " + okp.getCurve();
        }
        return "";
    }
}
