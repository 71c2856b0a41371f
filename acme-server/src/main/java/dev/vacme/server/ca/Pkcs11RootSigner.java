package dev.vacme.server.ca;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import org.bouncycastle.operator.ContentSigner;

/** A root key on a PKCS#11 token: the CA's own root, or an alternate root made on the token. */
public final class Pkcs11RootSigner implements RootSigner {

    private final Pkcs11Token token;
    private final X509Certificate certificate;
    private final PrivateKey key;
    private final String label;

    /**
     * @param token       the logged-in token holding the key
     * @param certificate the root certificate
     * @param key         the root's private key on the token, checked by the caller to belong to it
     * @param label       the key's label, for messages
     */
    public Pkcs11RootSigner(Pkcs11Token token, X509Certificate certificate, PrivateKey key, String label) {
        this.token = token;
        this.certificate = certificate;
        this.key = key;
        this.label = label;
    }

    @Override
    public X509Certificate certificate() {
        return certificate;
    }

    @Override
    public ContentSigner signer() {
        try {
            return token.signer(key, certificate.getPublicKey());
        } catch (CaException e) {
            throw new CaException(describe() + " cannot sign: " + Pkcs11Errors.reason(e.getCause()), e);
        }
    }

    @Override
    public String describe() {
        return token.describe(label);
    }
}
