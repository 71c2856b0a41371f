package dev.vacme.server.ca;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Map;
import org.bouncycastle.operator.ContentSigner;

/**
 * Keys on the CA's PKCS#11 token, generated there with the same attributes as the first start's
 * (persistent, private, sensitive, never extractable, sign only). The directory of each records
 * only the key's label, in a one-line file: {@code intermediates/ID/key.label} and
 * {@code alternate-roots/ID/root-key.label}. Labels are derived from the configured ones and the
 * key id: {@code <pkcs11-intermediate-label>-ID} and {@code <pkcs11-root-label>-alternate-ID}.
 */
public final class TokenHierarchyKeys implements HierarchyKeys {

    /** The file naming an intermediate's key on the token. */
    static final String KEY_LABEL = "key.label";
    /** The file naming an alternate root's key on the token. */
    static final String ROOT_KEY_LABEL = "root-key.label";

    private final Pkcs11SigningKeySource first;

    /**
     * @param first the CA's first intermediate and root, on the token whose keys these are; its
     *              labels are the prefixes of the new ones
     */
    public TokenHierarchyKeys(Pkcs11SigningKeySource first) {
        this.first = first;
    }

    /** The CA's own root key on the token, to sign a new intermediate. */
    public RootSigner ownRoot() {
        return new Pkcs11RootSigner(first.token(), first.root(), first.rootKey(), first.rootLabel());
    }

    @Override
    public SigningKeySource intermediate(Path directory, X509Certificate root, X509Certificate certificate) {
        String label = label(directory, KEY_LABEL, PemHierarchyKeys.KEY);
        return first.withIntermediate(certificate, key(label, certificate, directory), label);
    }

    @Override
    public RootSigner alternateRoot(Path directory, X509Certificate certificate) {
        String label = label(directory, ROOT_KEY_LABEL, PemHierarchyKeys.ROOT_KEY);
        return new Pkcs11RootSigner(first.token(), certificate, key(label, certificate, directory), label);
    }

    @Override
    public KeyPair generate(String curve) {
        return first.token().generateEc(curve);
    }

    @Override
    public ContentSigner signer(KeyPair keys) {
        return first.token().signer(keys.getPrivate(), keys.getPublic());
    }

    @Override
    public Map<String, String> keep(Role role, String id, KeyPair keys, X509Certificate certificate) {
        Pkcs11Token token = first.token();
        String label = role == Role.INTERMEDIATE ? first.intermediateLabel() + "-" + id
                : first.rootLabel() + "-alternate-" + id;
        if (token.hasKey(label)) {
            throw new CaException("PKCS#11 token '" + token.name() + "' already holds a key '" + label
                    + "'; nothing was changed on it or in the CA's directory");
        }
        token.store(label, keys.getPrivate(), certificate);
        return Map.of(role == Role.INTERMEDIATE ? KEY_LABEL : ROOT_KEY_LABEL, label + "\n");
    }

    @Override
    public void discard(Map<String, String> kept) {
        kept.values().forEach(label -> {
            try {
                first.token().delete(label.strip());
            } catch (CaException e) {
                // the caller reports the write failure that led here; a leftover label is harmless
            }
        });
    }

    /** The label named in {@code directory}, or a clear refusal when the key there is a PEM file. */
    private static String label(Path directory, String name, String pemName) {
        Path file = directory.resolve(name);
        if (!Files.exists(file) && Files.exists(directory.resolve(pemName))) {
            throw new CaException("the key of " + directory + " is a PEM file (" + pemName + "), but this CA's keys "
                    + "are on a PKCS#11 token (ca-key: pkcs11)");
        }
        String label = CaDirectory.read(file, String::strip);
        if (label.isEmpty() || label.chars().anyMatch(c -> c < 0x20 || c > 0x7e)) {
            throw new CaException(file + " does not hold a key label of printable ASCII characters");
        }
        return label;
    }

    /** The key under {@code label}, which must sign for {@code certificate}. */
    private PrivateKey key(String label, X509Certificate certificate, Path directory) {
        Pkcs11Token token = first.token();
        PrivateKey key = token.findKey(label).orElseThrow(() -> new CaException("PKCS#11 token '" + token.name()
                + "' has no key '" + label + "', which " + directory + " names: is this the CA's token?"));
        if (!token.matches(key, certificate.getPublicKey())) {
            throw new CaException("the key '" + label + "' on PKCS#11 token '" + token.name()
                    + "' does not belong to the certificate in " + directory);
        }
        return key;
    }
}
