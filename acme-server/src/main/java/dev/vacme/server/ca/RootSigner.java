package dev.vacme.server.ca;

import java.security.cert.X509Certificate;
import org.bouncycastle.operator.ContentSigner;

/**
 * A root CA key that signs intermediate certificates: the CA's own root when an intermediate is
 * rotated, or an alternate root when it cross-signs one. Only {@code vacme-server ca} commands use
 * it, never the running server. The key lives in a PEM file ({@link PemRootSigner}) or on the CA's
 * PKCS#11 token ({@link Pkcs11RootSigner}); nothing above it changes.
 */
public interface RootSigner {

    /** The root's self-signed certificate, the issuer of the certificates it signs. */
    X509Certificate certificate();

    /**
     * Returns a signer for one certificate, with the signature algorithm that fits the root key.
     *
     * @throws CaException when the key cannot sign
     */
    ContentSigner signer();

    /** Where the root key lives, for messages, e.g. its file. */
    String describe();
}
