package dev.vacme.server.ca;

import java.security.cert.X509Certificate;
import org.bouncycastle.operator.ContentSigner;

/**
 * Signing with the root CA's key, for the rare structures the root signs itself: a new
 * intermediate certificate when the intermediate is rotated, or the root's own CRL. A key source
 * that can reach the root key implements it beside {@link SigningKeySource}.
 */
public interface RootSigning {

    /** The self-signed root certificate whose key {@link #rootSigner()} uses. */
    X509Certificate root();

    /**
     * Returns a signer for one structure with the root's key, with the signature algorithm that
     * fits it. Callers use each signer once, on one thread.
     *
     * @throws CaException when the key cannot sign
     */
    ContentSigner rootSigner();

    /** Short description of where the root key lives, for logs and errors. */
    String describeRoot();
}
