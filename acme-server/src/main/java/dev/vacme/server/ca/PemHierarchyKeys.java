package dev.vacme.server.ca;

import dev.vacme.common.pki.KeyType;
import dev.vacme.common.pki.Pem;
import dev.vacme.common.pki.SignatureAlgorithms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Map;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Keys as PEM files beside their certificates, 0600: {@code intermediates/ID/key.pem} and
 * {@code alternate-roots/ID/root-key.pem}. The layout of every PEM CA.
 */
public final class PemHierarchyKeys implements HierarchyKeys {

    /** An intermediate's key file. */
    static final String KEY = "key.pem";
    /** An alternate root's key file. */
    static final String ROOT_KEY = "root-key.pem";

    private final SecureRandom random;

    /** @param random randomness for new keys */
    public PemHierarchyKeys(SecureRandom random) {
        this.random = random;
    }

    @Override
    public SigningKeySource intermediate(Path directory, X509Certificate root, X509Certificate certificate) {
        Path file = keyFile(directory, KEY, TokenHierarchyKeys.KEY_LABEL);
        KeyPair keys = CaDirectory.keyPair(file);
        if (!certificate.getPublicKey().equals(keys.getPublic())) {
            throw new CaException(file + " does not belong to " + directory.resolve(CaDirectory.CERT));
        }
        return new PemSigningKeySource(new CaKeys(root, certificate, keys), file);
    }

    @Override
    public RootSigner alternateRoot(Path directory, X509Certificate certificate) {
        Path file = keyFile(directory, ROOT_KEY, TokenHierarchyKeys.ROOT_KEY_LABEL);
        return new PemRootSigner(certificate, CaDirectory.keyPair(file), file);
    }

    @Override
    public KeyPair generate(String curve) {
        return switch (curve) {
            case "secp256r1" -> KeyType.EC_P256.generate(random);
            case "secp384r1" -> KeyType.EC_P384.generate(random);
            default -> throw new IllegalArgumentException("no EC curve " + curve);
        };
    }

    @Override
    public ContentSigner signer(KeyPair keys) {
        try {
            return new JcaContentSignerBuilder(SignatureAlgorithms.forKey(keys.getPublic())).build(keys.getPrivate());
        } catch (OperatorCreationException e) {
            throw new CaException("cannot sign with a new key: " + e.getMessage(), e);
        }
    }

    @Override
    public Map<String, String> keep(Role role, String id, KeyPair keys, X509Certificate certificate) {
        return Map.of(role == Role.INTERMEDIATE ? KEY : ROOT_KEY, Pem.encodePrivateKey(keys.getPrivate()));
    }

    @Override
    public void discard(Map<String, String> kept) {
        // the key existed only in the directory that was not written
    }

    /** The key file, or a clear refusal when the directory names a key on a token instead. */
    private static Path keyFile(Path directory, String name, String tokenLabelFile) {
        Path file = directory.resolve(name);
        if (!Files.exists(file) && Files.exists(directory.resolve(tokenLabelFile))) {
            throw new CaException("the key of " + directory + " is on a PKCS#11 token (" + tokenLabelFile
                    + "): give the token's settings (ca-key: pkcs11, pkcs11-config, pkcs11-pin-file)");
        }
        return file;
    }
}
