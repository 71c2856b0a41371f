package dev.vacme.server.ca;

import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.operator.ContentSigner;

/**
 * Where the issuing key lives and how to sign with it. The source owns the choice of security
 * provider: PEM files on disk with the default provider ({@link PemSigningKeySource}), or a
 * PKCS#11 token through SunPKCS11 ({@link Pkcs11SigningKeySource}). Everything above it (profiles, serials, the certificate
 * layout) stays the same whichever source signs.
 *
 * <p>Implementations must be safe for concurrent use: several signing threads ask for signers at
 * once.
 */
public interface SigningKeySource {

    /** The certificate of the issuing key: the issuer of every end-entity certificate. */
    X509Certificate issuer();

    /**
     * The certificates a client needs above the end-entity one, issuer first, without the root
     * (RFC 8555 §7.4.2).
     */
    List<X509Certificate> chain();

    /** The self-signed root the chain leads to, which relying parties trust. */
    X509Certificate root();

    /**
     * Returns a signer for one certificate, using the issuing key with the signature algorithm
     * that fits it. Callers use each signer once, on one thread.
     *
     * @throws CaException when the key cannot sign (e.g. a token was removed)
     */
    ContentSigner signer();

    /** Short description of where the key lives, for logs and errors, e.g. the key file. */
    String describe();
}
