package dev.vacme.server.ca;

import dev.vacme.common.pki.SignatureAlgorithms;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A root key read from a PEM file, signing with the JDK's providers. */
public final class PemRootSigner implements RootSigner {

    private final X509Certificate certificate;
    private final KeyPair keys;
    private final Path keyFile;

    /**
     * @param certificate the root certificate
     * @param keys        the root's key pair, checked to belong to the certificate
     * @param keyFile     where the key was read from, for messages
     * @throws CaException when the key does not belong to the certificate
     */
    public PemRootSigner(X509Certificate certificate, KeyPair keys, Path keyFile) {
        if (!certificate.getPublicKey().equals(keys.getPublic())) {
            throw new CaException(keyFile + " does not belong to the root certificate "
                    + certificate.getSubjectX500Principal().getName());
        }
        this.certificate = certificate;
        this.keys = keys;
        this.keyFile = keyFile;
    }

    @Override
    public X509Certificate certificate() {
        return certificate;
    }

    @Override
    public ContentSigner signer() {
        try {
            return new JcaContentSignerBuilder(SignatureAlgorithms.forKey(keys.getPublic())).build(keys.getPrivate());
        } catch (OperatorCreationException e) {
            throw new CaException("the root key in " + keyFile + " cannot sign: " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return keyFile.toString();
    }
}
