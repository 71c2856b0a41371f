package dev.vacme.common.jws;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.util.Base64URL;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPublicKey;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature primitives behind {@link JwsSigner} and {@link FlattenedJws#verify}: signing with
 * ECDSA and RSA through nimbus-jose-jwt and with Ed25519 (RFC 8037) through the JDK; verifying
 * ECDSA and Ed25519 through {@link FastVerifier} and RSA through nimbus-jose-jwt; and the HMACs of
 * external account binding.
 */
final class JwsCrypto {

    private JwsCrypto() {
    }

    static byte[] sign(JwsAlgorithm algorithm, PrivateKey key, byte[] signingInput) {
        try {
            if (algorithm == JwsAlgorithm.EDDSA) {
                Signature signature = Signature.getInstance("Ed25519");
                signature.initSign(key);
                signature.update(signingInput);
                return signature.sign();
            }
            JWSSigner signer = algorithm == JwsAlgorithm.RS256
                    ? new RSASSASigner(key)
                    : new ECDSASigner((ECPrivateKey) key);
            return signer.sign(new JWSHeader(algorithm.nimbus()), signingInput).decode();
        } catch (JOSEException | GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("cannot sign with " + algorithm.headerName() + ": " + e.getMessage(), e);
        }
    }

    static boolean verify(JwsAlgorithm algorithm, VerificationKey key, byte[] signingInput, byte[] signatureBytes) {
        if (FastVerifier.handles(algorithm)) {
            return key.lightweight().isPresent()
                    && FastVerifier.verify(algorithm, key.lightweight().get(), signingInput, signatureBytes);
        }
        try {
            JWSVerifier verifier = new RSASSAVerifier((RSAPublicKey) key.publicKey());
            return verifier.verify(new JWSHeader(algorithm.nimbus()), signingInput, Base64URL.encode(signatureBytes));
        } catch (JOSEException | ClassCastException e) {
            return false;
        }
    }

    /** Returns the JCA name of an HMAC JWS algorithm (RFC 7518 §3.2), or null if it is not one. */
    static String macAlgorithm(String alg) {
        return switch (alg == null ? "" : alg) {
            case "HS256" -> "HmacSHA256";
            case "HS384" -> "HmacSHA384";
            case "HS512" -> "HmacSHA512";
            default -> null;
        };
    }

    static byte[] mac(String jcaName, byte[] key, byte[] signingInput) {
        try {
            Mac mac = Mac.getInstance(jcaName);
            mac.init(new SecretKeySpec(key, jcaName));
            return mac.doFinal(signingInput);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot compute " + jcaName + ": " + e.getMessage(), e);
        }
    }

    static boolean macEquals(byte[] expected, byte[] actual) {
        return MessageDigest.isEqual(expected, actual);
    }
}
