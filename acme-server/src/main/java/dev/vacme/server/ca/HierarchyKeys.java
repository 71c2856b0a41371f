package dev.vacme.server.ca;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.Map;
import org.bouncycastle.operator.ContentSigner;

/**
 * Where the keys of the intermediates and alternate roots that {@code vacme-server ca} adds to the
 * hierarchy live, and how {@link CaDirectory} finds them again: PEM files in their directories
 * ({@link PemHierarchyKeys}), or keys on the CA's PKCS#11 token whose directories only name the
 * label ({@link TokenHierarchyKeys}). The root and the first intermediate are not its business:
 * {@link CaStorage} and {@link TokenCaStorage} load those.
 */
public interface HierarchyKeys {

    /** What a new key is for; it decides the file beside the certificate and the token label. */
    enum Role {
        /** An intermediate in {@code intermediates/ID/}. */
        INTERMEDIATE,
        /** An alternate root in {@code alternate-roots/ID/}. */
        ALTERNATE_ROOT
    }

    /**
     * Loads the signing key of the intermediate stored in {@code directory}.
     *
     * @param directory   {@code intermediates/ID}
     * @param root        the CA's root, which certified it
     * @param certificate the intermediate's certificate from that directory
     * @throws CaException when the key is missing, unreadable or not the certificate's
     */
    SigningKeySource intermediate(Path directory, X509Certificate root, X509Certificate certificate);

    /**
     * Loads the key of the alternate root stored in {@code directory}.
     *
     * @param directory   {@code alternate-roots/ID}
     * @param certificate the alternate root's certificate from that directory
     * @throws CaException when the key is missing, unreadable or not the certificate's
     */
    RootSigner alternateRoot(Path directory, X509Certificate certificate);

    /** Generates a new EC key pair on {@code curve} (e.g. {@code secp256r1}) where this kind keeps keys. */
    KeyPair generate(String curve);

    /** Returns a signer for one structure with a key pair from {@link #generate}, e.g. its own root certificate. */
    ContentSigner signer(KeyPair keys);

    /**
     * Keeps a generated key for good and returns the files that record it in the new directory,
     * by name (e.g. {@code key.pem} with the PEM key, or {@code key.label} with a token label).
     *
     * @param role        what the key is for
     * @param id          the key id, the directory's name
     * @param keys        the key pair from {@link #generate}
     * @param certificate the key's certificate
     * @throws CaException when the key cannot be kept, e.g. its label is taken
     */
    Map<String, String> keep(Role role, String id, KeyPair keys, X509Certificate certificate);

    /** Undoes {@link #keep} when the directory could not be written; never throws. */
    void discard(Map<String, String> kept);
}
