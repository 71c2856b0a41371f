package dev.vacme.server.ca;

import dev.vacme.common.pki.SignatureAlgorithms;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The issuing key from PEM files loaded by {@link CaStorage}, signing with the JDK's default
 * providers.
 */
public final class PemSigningKeySource implements SigningKeySource {

    private final CaKeys keys;
    private final Path keyFile;
    private final String algorithm;

    /**
     * @param keys    the loaded hierarchy and the intermediate's key pair
     * @param keyFile where the intermediate's key was read from, for messages
     */
    public PemSigningKeySource(CaKeys keys, Path keyFile) {
        this.keys = keys;
        this.keyFile = keyFile;
        this.algorithm = SignatureAlgorithms.forKey(keys.intermediateKeys().getPublic());
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
            return new JcaContentSignerBuilder(algorithm).build(keys.intermediateKeys().getPrivate());
        } catch (OperatorCreationException e) {
            throw new CaException("the issuing key in " + keyFile + " cannot sign: " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return keyFile.toString();
    }
}
