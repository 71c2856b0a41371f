package dev.vacme.server.ca;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.operator.ContentSigner;

/**
 * The issuing key from PEM files loaded by {@link CaStorage}; an EC key signs on BouncyCastle's
 * constant-time, deterministic path ({@link IssuerSigner}), any other with the JDK's providers.
 */
public final class PemSigningKeySource implements SigningKeySource {

    private final CaKeys keys;
    private final Path keyFile;
    private final IssuerSigner signer;

    /**
     * @param keys    the loaded hierarchy and the intermediate's key pair
     * @param keyFile where the intermediate's key was read from, for messages
     */
    public PemSigningKeySource(CaKeys keys, Path keyFile) {
        this.keys = keys;
        this.keyFile = keyFile;
        this.signer = IssuerSigner.of(keys.intermediateKeys());
    }

    @Override
    public X509Certificate issuer() {
        return keys.intermediate();
    }

    @Override
    public List<X509Certificate> chain() {
        return List.of(keys.intermediate());
    }

    @Override
    public X509Certificate root() {
        return keys.root();
    }

    @Override
    public ContentSigner signer() {
        try {
            return signer.contentSigner();
        } catch (IllegalStateException e) {
            throw new CaException("the issuing key in " + keyFile + " cannot sign: " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return keyFile.toString();
    }
}
