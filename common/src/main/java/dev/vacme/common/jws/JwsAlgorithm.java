package dev.vacme.common.jws;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The signature algorithms Vacme accepts for ACME requests (RFC 8555 §6.2: ES256 and EdDSA are
 * recommended, RS256 required), each tied to the one key type it may be used with.
 */
public enum JwsAlgorithm {
    ES256(JWSAlgorithm.ES256),
    ES384(JWSAlgorithm.ES384),
    ES512(JWSAlgorithm.ES512),
    RS256(JWSAlgorithm.RS256),
    EDDSA(JWSAlgorithm.EdDSA);

    private final JWSAlgorithm nimbus;

    JwsAlgorithm(JWSAlgorithm nimbus) {
        this.nimbus = nimbus;
    }

    /** Returns the {@code alg} header value, e.g. {@code ES256}. */
    public String headerName() {
        return nimbus.getName();
    }

    /** Returns the nimbus-jose-jwt constant. */
    public JWSAlgorithm nimbus() {
        return nimbus;
    }

    /** Returns every accepted {@code alg} value, for the badSignatureAlgorithm problem. */
    public static List<String> headerNames() {
        return Arrays.stream(values()).map(JwsAlgorithm::headerName).toList();
    }

    /** Finds the algorithm for an {@code alg} header value; case-sensitive as RFC 7515 requires. */
    public static Optional<JwsAlgorithm> fromHeader(String alg) {
        return Arrays.stream(values()).filter(a -> a.headerName().equals(alg)).findFirst();
    }

    /** Returns the algorithm to sign with for a key. */
    public static JwsAlgorithm forKey(PublicKey key) {
        if (key instanceof RSAPublicKey) {
            return RS256;
        }
        if (key instanceof EdECPublicKey) {
            return EDDSA;
        }
        if (key instanceof ECPublicKey ec) {
            Curve curve = Curve.forECParameterSpec(ec.getParams());
            if (Curve.P_256.equals(curve)) {
                return ES256;
            }
            if (Curve.P_384.equals(curve)) {
                return ES384;
            }
            if (Curve.P_521.equals(curve)) {
                return ES512;
            }
        }
        throw new IllegalArgumentException("no JWS algorithm for a " + key.getAlgorithm() + " key of this kind");
    }

    /** Returns true when this algorithm may sign with the given JWK (key type and curve). */
    public boolean fits(JWK jwk) {
        return switch (this) {
            case ES256 -> jwk instanceof ECKey ec && Curve.P_256.equals(ec.getCurve());
            case ES384 -> jwk instanceof ECKey ec && Curve.P_384.equals(ec.getCurve());
            case ES512 -> jwk instanceof ECKey ec && Curve.P_521.equals(ec.getCurve());
            case RS256 -> jwk instanceof RSAKey;
            case EDDSA -> jwk instanceof OctetKeyPair okp && Curve.Ed25519.equals(okp.getCurve());
        };
    }
}
