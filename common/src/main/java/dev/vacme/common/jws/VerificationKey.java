package dev.vacme.common.jws;

import com.nimbusds.jose.jwk.JWK;
import dev.vacme.common.pki.LightweightKeys;
import java.security.PublicKey;
import java.util.Optional;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;

/**
 * A public JWK prepared once for verifying many signatures: parsed into a Java key and, for EC
 * and Ed25519 keys, into BouncyCastle's lightweight parameters. Reusing one instance lets
 * BouncyCastle keep its precomputed multiples of the key's point, so a server that keeps the
 * account keys it has seen verifies their requests faster. Immutable and safe to share.
 */
public final class VerificationKey {

    private final JWK jwk;
    private final PublicKey publicKey;
    private final Optional<AsymmetricKeyParameter> lightweight;

    private VerificationKey(JWK jwk, PublicKey publicKey) {
        this.jwk = jwk;
        this.publicKey = publicKey;
        this.lightweight = LightweightKeys.of(publicKey);
    }

    /**
     * Prepares a JWK.
     *
     * @throws JwsException (MALFORMED) when the JWK is not a supported public key
     */
    public static VerificationKey of(JWK jwk) throws JwsException {
        return new VerificationKey(jwk, Jwks.toPublicKey(jwk));
    }

    /** Returns the JWK. */
    public JWK jwk() {
        return jwk;
    }

    /** Returns the Java public key. */
    public PublicKey publicKey() {
        return publicKey;
    }

    /** Returns the lightweight parameters, empty for RSA keys (verified by the JDK). */
    Optional<AsymmetricKeyParameter> lightweight() {
        return lightweight;
    }
}
