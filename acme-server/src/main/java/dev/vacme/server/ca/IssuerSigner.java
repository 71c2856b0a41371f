package dev.vacme.server.ca;

import dev.vacme.common.pki.SignatureAlgorithms;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.util.Map;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.crypto.Signer;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.DSADigestSigner;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcECContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Signs with an issuing key. An EC key on P-256, P-384 or P-521 held in memory signs through
 * BouncyCastle's lightweight ECDSA over its curve-specific arithmetic, several times faster than
 * JDK 17's SunEC: the nonce k is derived from key and message (RFC 6979, so no weak randomness
 * can leak the key), the scalar multiplication is a fixed-point comb doing the same work for every
 * k, and k is inverted in constant time. Any other key (RSA, a key in a hardware token) signs
 * through the JDK's providers.
 */
public final class IssuerSigner {

    private static final Map<Integer, String> CURVES_BY_FIELD_SIZE = Map.of(256, "P-256", 384, "P-384", 521, "P-521");

    private final KeyPair keys;
    private final String algorithm;
    private final ECPrivateKeyParameters lightweightKey;

    private IssuerSigner(KeyPair keys, ECPrivateKeyParameters lightweightKey) {
        this.keys = keys;
        this.algorithm = SignatureAlgorithms.forKey(keys.getPublic());
        this.lightweightKey = lightweightKey;
    }

    /** Returns the signer for a key pair, on the fastest safe path for its type. */
    public static IssuerSigner of(KeyPair keys) {
        return new IssuerSigner(keys, keys.getPrivate() instanceof ECPrivateKey ec ? lightweight(ec) : null);
    }

    /** Returns a signer for one certificate (or any one structure). */
    public ContentSigner contentSigner() {
        try {
            if (lightweightKey != null) {
                AlgorithmIdentifier signature = new DefaultSignatureAlgorithmIdentifierFinder().find(algorithm);
                AlgorithmIdentifier digest = new DefaultDigestAlgorithmIdentifierFinder().find(signature);
                return new DeterministicEcdsaBuilder(signature, digest).build(lightweightKey);
            }
            return new JcaContentSignerBuilder(algorithm).build(keys.getPrivate());
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("cannot sign with the issuing key", e);
        }
    }

    /** True when signing takes the lightweight path (for tests and diagnostics). */
    boolean isLightweight() {
        return lightweightKey != null;
    }

    private static ECPrivateKeyParameters lightweight(ECPrivateKey key) {
        String curve = CURVES_BY_FIELD_SIZE.get(key.getParams().getCurve().getField().getFieldSize());
        if (curve == null) {
            return null;
        }
        ECDomainParameters domain = new ECDomainParameters(CustomNamedCurves.getByName(curve));
        if (!domain.getN().equals(key.getParams().getOrder())
                || !domain.getCurve().getA().toBigInteger().equals(key.getParams().getCurve().getA())) {
            return null;
        }
        return new ECPrivateKeyParameters(key.getS(), domain);
    }

    /** BouncyCastle's EC content signer with the RFC 6979 nonce instead of a random one. */
    private static final class DeterministicEcdsaBuilder extends BcECContentSignerBuilder {

        DeterministicEcdsaBuilder(AlgorithmIdentifier signature, AlgorithmIdentifier digest) {
            super(signature, digest);
        }

        @Override
        protected Signer createSigner(AlgorithmIdentifier signature, AlgorithmIdentifier digest)
                throws OperatorCreationException {
            return new DSADigestSigner(new ECDSASigner(new HMacDSAKCalculator(digestProvider.get(digest))),
                    digestProvider.get(digest));
        }
    }
}
