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

    /**
     * Prepares a JWK that will verify many signatures, such as an account key a server keeps: as
     * {@link #of}, and also readies BouncyCastle's fastest multiplication for the key's point (see
     * {@link LightweightKeys#prepareForRepeatedUse}), which costs about one and a half
     * verifications once.
     *
     * @throws JwsException (MALFORMED) when the JWK is not a supported public key
     */
    public static VerificationKey forRepeatedUse(JWK jwk) throws JwsException {
        VerificationKey key = of(jwk);
        key.lightweight.ifPresent(LightweightKeys::prepareForRepeatedUse);
        return key;
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
