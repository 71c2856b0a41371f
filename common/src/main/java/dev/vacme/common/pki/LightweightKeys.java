package dev.vacme.common.pki;

import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointUtil;
import org.bouncycastle.math.ec.WNafUtil;

/**
 * Converts JDK public keys into BouncyCastle's lightweight key parameters for fast signature
 * verification: EC keys on P-256, P-384 and P-521 over BouncyCastle's curve-specific arithmetic
 * ({@link CustomNamedCurves}, about ten times faster than JDK 17's SunEC), and Ed25519 keys.
 */
public final class LightweightKeys {

    private static final Map<Integer, ECDomainParameters> CURVES_BY_FIELD_SIZE = Map.of(
            256, domain("P-256"),
            384, domain("P-384"),
            521, domain("P-521"));

    /** More than the uses after which BouncyCastle promotes a point (four in 1.82). */
    private static final int MAX_PROMOTION_USES = 16;

    private LightweightKeys() {
    }

    /**
     * Returns the lightweight parameters of an EC key on a NIST prime curve or of an Ed25519 key;
     * empty for a point BouncyCastle cannot use (not on the curve, not decodable) and for any other
     * key, which the caller then verifies through the JDK.
     */
    public static Optional<AsymmetricKeyParameter> of(PublicKey key) {
        if (key instanceof ECPublicKey ec) {
            return ecParameters(ec);
        }
        if (key instanceof EdECPublicKey && "Ed25519".equalsIgnoreCase(((EdECPublicKey) key).getParams().getName())) {
            byte[] spki = key.getEncoded();
            byte[] point = Arrays.copyOfRange(spki, spki.length - Ed25519PublicKeyParameters.KEY_SIZE, spki.length);
            try {
                return Optional.of(new Ed25519PublicKeyParameters(point));
            } catch (IllegalArgumentException e) {
                // BouncyCastle refuses points it cannot decode; the key policy says why to the client.
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * Prepares a key for verifying many signatures, as an ACME server's account keys do. For EC keys
     * it makes BouncyCastle use its fixed-point algorithm at once: on its own, BouncyCastle switches
     * to it only after a key's fourth verification and then builds the key's table in the middle of
     * a request; one table costs about a verification and a half, and every verification with it is
     * about twice as fast. Verification gives the same answers either way; a key that verifies one
     * signature (a CSR's) is better left unprepared. Ed25519 keys need nothing.
     */
    public static void prepareForRepeatedUse(AsymmetricKeyParameter key) {
        if (key instanceof ECPublicKeyParameters ec) {
            ECPoint q = ec.getQ();
            int width = WNafUtil.getWindowSize(ec.getParameters().getN().bitLength());
            for (int uses = 0; uses < MAX_PROMOTION_USES; uses++) {
                // Each call counts as one use of the point towards BouncyCastle's promotion.
                if (WNafUtil.precompute(q, width, true).isPromoted()) {
                    break;
                }
            }
            FixedPointUtil.precompute(q);
        }
    }

    private static Optional<AsymmetricKeyParameter> ecParameters(ECPublicKey key) {
        ECDomainParameters domain = CURVES_BY_FIELD_SIZE.get(key.getParams().getCurve().getField().getFieldSize());
        if (domain == null || !domain.getCurve().getA().toBigInteger().equals(key.getParams().getCurve().getA())
                || !domain.getN().equals(key.getParams().getOrder())) {
            return Optional.empty();
        }
        try {
            ECPoint point = domain.getCurve().validatePoint(key.getW().getAffineX(), key.getW().getAffineY());
            return Optional.of(new ECPublicKeyParameters(point, domain));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static ECDomainParameters domain(String name) {
        return new ECDomainParameters(CustomNamedCurves.getByName(name));
    }
}
