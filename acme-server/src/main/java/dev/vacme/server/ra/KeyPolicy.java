package dev.vacme.server.ra;

import com.nimbusds.jose.jwk.Curve;
import dev.vacme.common.problem.ProblemType;
import dev.vacme.server.AcmeProblemException;
import java.math.BigInteger;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Set;

/**
 * Which public keys Vacme accepts: RSA of 2048, 3072 or 4096 bits with exponent 65537, EC on
 * P-256 or P-384 (and P-521 for account keys, which JWS ES512 allows), and Ed25519; and of those
 * only the keys that {@link WeakKeyChecks} finds nothing wrong with.
 */
public final class KeyPolicy {

    private static final BigInteger F4 = BigInteger.valueOf(65537);
    private static final Set<Integer> RSA_SIZES = Set.of(2048, 3072, 4096);

    /** What the key is for; decides the allowed curves and the error type. */
    public enum Use {
        /** An account key: refused with {@code badPublicKey} (RFC 8555 §6.7). */
        ACCOUNT(ProblemType.BAD_PUBLIC_KEY, Set.of(Curve.P_256, Curve.P_384, Curve.P_521)),
        /** A certificate key in a CSR: refused with {@code badCSR}. */
        CERTIFICATE(ProblemType.BAD_CSR, Set.of(Curve.P_256, Curve.P_384));

        private final ProblemType problem;
        private final Set<Curve> curves;

        Use(ProblemType problem, Set<Curve> curves) {
            this.problem = problem;
            this.curves = curves;
        }
    }

    private KeyPolicy() {
    }

    /**
     * Checks a key.
     *
     * @throws AcmeProblemException {@code badPublicKey} or {@code badCSR} naming what is wrong
     */
    public static void check(PublicKey key, Use use) {
        String what = use == Use.ACCOUNT ? "account key" : "certificate key";
        checkTypeAndSize(key, use, what);
        WeakKeyChecks.weakness(key).ifPresent(weakness -> {
            throw AcmeProblemException.of(use.problem, "the " + what + " is unsafe: " + weakness);
        });
    }

    private static void checkTypeAndSize(PublicKey key, Use use, String what) {
        if (key instanceof RSAPublicKey rsa) {
            int bits = rsa.getModulus().bitLength();
            if (!RSA_SIZES.contains(bits)) {
                throw AcmeProblemException.of(use.problem,
                        "the " + what + " is RSA-" + bits + "; RSA keys must be 2048, 3072 or 4096 bits");
            }
            if (!F4.equals(rsa.getPublicExponent())) {
                throw AcmeProblemException.of(use.problem, "the " + what + " has RSA exponent "
                        + rsa.getPublicExponent() + "; only 65537 is accepted");
            }
            return;
        }
        if (key instanceof ECPublicKey ec) {
            Curve curve = Curve.forECParameterSpec(ec.getParams());
            if (curve == null || !use.curves.contains(curve)) {
                throw AcmeProblemException.of(use.problem, "the " + what + " uses an unsupported elliptic curve;"
                        + (use == Use.ACCOUNT ? " use P-256, P-384 or P-521" : " use P-256 or P-384"));
            }
            return;
        }
        if (key instanceof EdECPublicKey ed && "Ed25519".equalsIgnoreCase(ed.getParams().getName())) {
            return;
        }
        throw AcmeProblemException.of(use.problem, "the " + what + " type " + key.getAlgorithm()
                + " is not supported; use ECDSA, RSA or Ed25519");
    }
}
