package dev.vacme.server.ca;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.operator.ContentSigner;

/**
 * The issuing key on a PKCS#11 token: every signature is made by the token through the
 * source's own SunPKCS11 provider, and no private key is ever in this process's memory. The root
 * key on the same token signs too, through {@link RootSigning}, e.g. for a new intermediate.
 */
public final class Pkcs11SigningKeySource implements SigningKeySource, RootSigning {

    private final Pkcs11Token token;
    private final X509Certificate root;
    private final PrivateKey rootKey;
    private final X509Certificate intermediate;
    private final PrivateKey intermediateKey;
    private final String intermediateLabel;
    private final String rootLabel;

    /**
     * @param token             the logged-in token holding both keys
     * @param root              the root certificate
     * @param rootKey           the root's private key on the token
     * @param intermediate      the intermediate certificate, the issuer of end-entity certificates
     * @param intermediateKey   the intermediate's private key on the token
     * @param intermediateLabel the intermediate key's label, for messages
     * @param rootLabel         the root key's label, for messages
     */
    public Pkcs11SigningKeySource(Pkcs11Token token, X509Certificate root, PrivateKey rootKey,
            X509Certificate intermediate, PrivateKey intermediateKey, String intermediateLabel, String rootLabel) {
        this.token = token;
        this.root = root;
        this.rootKey = rootKey;
        this.intermediate = intermediate;
        this.intermediateKey = intermediateKey;
        this.intermediateLabel = intermediateLabel;
        this.rootLabel = rootLabel;
    }

    /** The root and intermediate certificates with the intermediate's key pair, its private half on the token. */
    public CaKeys hierarchy() {
        return new CaKeys(root, intermediate, new KeyPair(intermediate.getPublicKey(), intermediateKey));
    }

    @Override
    public X509Certificate issuer() {
        return intermediate;
    }

    @Override
    public List<X509Certificate> chain() {
        return List.of(intermediate);
    }

    @Override
    public X509Certificate root() {
        return root;
    }

    @Override
    public ContentSigner signer() {
        return signerFor(intermediateKey, intermediate, describe());
    }

    @Override
    public ContentSigner rootSigner() {
        return signerFor(rootKey, root, describeRoot());
    }

    @Override
    public String describe() {
        return describe(intermediateLabel);
    }

    @Override
    public String describeRoot() {
        return describe(rootLabel);
    }

    /** The token holding the keys, e.g. to generate the next intermediate's key on it. */
    public Pkcs11Token token() {
        return token;
    }

    /** The root key on the token. */
    PrivateKey rootKey() {
        return rootKey;
    }

    /** The root key's label. */
    String rootLabel() {
        return rootLabel;
    }

    /** The first intermediate key's label, the prefix of the labels of later ones. */
    String intermediateLabel() {
        return intermediateLabel;
    }

    /** The same token and root with another intermediate: one made by {@code vacme-server ca rotate-intermediate}. */
    Pkcs11SigningKeySource withIntermediate(X509Certificate certificate, PrivateKey key, String label) {
        return new Pkcs11SigningKeySource(token, root, rootKey, certificate, key, label, rootLabel);
    }

    private String describe(String label) {
        return token.describe(label);
    }

    private ContentSigner signerFor(PrivateKey key, X509Certificate certificate, String description) {
        try {
            return token.signer(key, certificate.getPublicKey());
        } catch (CaException e) {
            throw new CaException(description + " cannot sign: " + Pkcs11Errors.reason(e.getCause()), e);
        }
    }
}
