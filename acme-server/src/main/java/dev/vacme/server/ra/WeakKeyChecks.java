package dev.vacme.server.ra;

import java.math.BigInteger;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECField;
import java.security.spec.ECFieldFp;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.EllipticCurve;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Finds public keys that a CA must never accept although their type and size are allowed: keys
 * that anyone can sign for, or whose private key anyone can compute. An EC point must be a proper
 * point of the curve (coordinates reduced modulo p, on the curve, not the point at infinity; the
 * NIST curves have cofactor 1, so that puts it in the prime-order group); an Ed25519 point must be
 * canonically encoded and of the full prime order (the small-order points, such as the identity,
 * verify signatures that anyone can make, RFC 8032 §5.1.7); an RSA modulus must pass
 * {@link RsaModulusChecks}.
 */
final class WeakKeyChecks {

    private WeakKeyChecks() {
    }

    /** Returns why the key is unsafe, or empty when it is not known to be. */
    static Optional<String> weakness(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return RsaModulusChecks.weakness(rsa.getModulus());
        }
        if (key instanceof ECPublicKey ec) {
            return ecWeakness(ec.getW(), ec.getParams());
        }
        if (key instanceof EdECPublicKey) {
            return ed25519Weakness(key.getEncoded());
        }
        return Optional.empty();
    }

    private static Optional<String> ecWeakness(ECPoint point, ECParameterSpec params) {
        if (ECPoint.POINT_INFINITY.equals(point)) {
            return Optional.of("its EC point is the point at infinity");
        }
        EllipticCurve curve = params.getCurve();
        ECField field = curve.getField();
        if (!(field instanceof ECFieldFp prime)) {
            return Optional.of("its curve is not over a prime field");
        }
        BigInteger p = prime.getP();
        BigInteger x = point.getAffineX();
        BigInteger y = point.getAffineY();
        if (x.signum() < 0 || x.compareTo(p) >= 0 || y.signum() < 0 || y.compareTo(p) >= 0) {
            return Optional.of("its EC point has a coordinate outside the curve's field");
        }
        BigInteger left = y.multiply(y).mod(p);
        BigInteger right = x.pow(3).add(curve.getA().multiply(x)).add(curve.getB()).mod(p);
        if (!left.equals(right)) {
            return Optional.of("its EC point is not on the curve");
        }
        return Optional.empty();
    }

    private static Optional<String> ed25519Weakness(byte[] spki) {
        byte[] point = Arrays.copyOfRange(spki, spki.length - Ed25519.PUBLIC_KEY_SIZE, spki.length);
        if (!Ed25519.validatePublicKeyFull(point, 0)) {
            return Optional.of("its Ed25519 point is not a canonically encoded point of full order"
                    + " (small-order points let anyone make signatures that verify)");
        }
        return Optional.empty();
    }
}
