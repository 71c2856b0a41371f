package dev.vacme.server.ca;

import dev.vacme.common.pki.Pem;
import dev.vacme.common.pki.PkiException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * The CA with its private keys on a PKCS#11 token: on the first start (no certificates in the
 * directory, no keys under the labels on the token) it generates the root (EC P-384) and the
 * intermediate (EC P-256) on the token and writes only their certificates, {@code root.pem} and
 * {@code intermediate.pem}, to the directory. Later starts find the keys by label and check that
 * each signs for its certificate.
 */
public final class TokenCaStorage {

    private static final List<String> FILES = List.of(CaStorage.ROOT_CERT, CaStorage.INTERMEDIATE_CERT);
    private static final List<String> PEM_KEY_FILES = List.of(CaStorage.ROOT_KEY, CaStorage.INTERMEDIATE_KEY);

    private final Path directory;
    private final Pkcs11Token token;
    private final String rootLabel;
    private final String intermediateLabel;
    private final Clock clock;
    private final SecureRandom random;

    /**
     * @param directory         where the certificates live, e.g. {@code <data-dir>/ca}
     * @param token             the logged-in token holding the keys
     * @param rootLabel         the root key's label
     * @param intermediateLabel the intermediate key's label
     * @param clock             the clock for validity periods
     * @param random            randomness for serials and names
     */
    public TokenCaStorage(Path directory, Pkcs11Token token, String rootLabel, String intermediateLabel, Clock clock,
            SecureRandom random) {
        this.directory = directory;
        this.token = token;
        this.rootLabel = rootLabel;
        this.intermediateLabel = intermediateLabel;
        this.clock = clock;
        this.random = random;
    }

    /** Returns true when the directory holds no certificate, so {@link #loadOrCreate} would generate the CA. */
    public boolean isEmpty() {
        return FILES.stream().noneMatch(name -> Files.exists(directory.resolve(name)));
    }

    /**
     * Loads the CA, generating it on the token first when neither the directory nor the token
     * holds any of it.
     *
     * @throws CaException when only part of the CA exists, a key is missing, or a key does not
     *                     belong to its certificate
     */
    public Pkcs11SigningKeySource loadOrCreate() {
        List<String> pemKeys = PEM_KEY_FILES.stream().filter(name -> Files.exists(directory.resolve(name))).toList();
        if (!pemKeys.isEmpty()) {
            throw new CaException(directory + " holds a CA whose keys are PEM files (" + String.join(", ", pemKeys)
                    + "); start it with ca-key: pem, or move the directory away to generate a CA on the token");
        }
        List<String> present = FILES.stream().filter(name -> Files.exists(directory.resolve(name))).toList();
        if (present.isEmpty()) {
            for (String label : List.of(rootLabel, intermediateLabel)) {
                if (token.hasKey(label)) {
                    throw new CaException("PKCS#11 token '" + token.name() + "' already holds a key '" + label
                            + "' but " + directory + " has no certificates: restore root.pem and intermediate.pem, "
                            + "or choose other labels (pkcs11-root-label, pkcs11-intermediate-label)");
                }
            }
            return create();
        }
        if (present.size() != FILES.size()) {
            List<String> missing = FILES.stream().filter(name -> !present.contains(name)).toList();
            throw new CaException("incomplete CA in " + directory + ": missing " + String.join(", ", missing)
                    + " (restore it from a backup)");
        }
        return load();
    }

    /** Deletes the certificates and the keys on the token, for a first start that failed after generating them. */
    public void remove() {
        token.delete(intermediateLabel);
        token.delete(rootLabel);
        for (String name : FILES) {
            try {
                Files.deleteIfExists(directory.resolve(name));
            } catch (IOException e) {
                throw new CaException("cannot remove " + directory.resolve(name) + ": " + e.getMessage(), e);
            }
        }
    }

    private Pkcs11SigningKeySource create() {
        try {
            return generate();
        } catch (RuntimeException e) {
            try {
                remove();
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    private Pkcs11SigningKeySource generate() {
        Instant now = clock.instant();
        String id = HexFormat.of().formatHex(random.generateSeed(3));
        SerialNumbers serials = new SerialNumbers(random);
        KeyPair rootKeys = token.generateEc("secp384r1");
        X509Certificate root = CertificateProfiles.root(rootKeys.getPublic(), "Vacme Root CA " + id, serials.next(),
                now.minus(CaStorage.BACKDATE), now.plus(CaStorage.ROOT_VALIDITY),
                token.signer(rootKeys.getPrivate(), rootKeys.getPublic()));
        token.store(rootLabel, rootKeys.getPrivate(), root);
        KeyPair intermediateKeys = token.generateEc("secp256r1");
        X509Certificate intermediate = CertificateProfiles.intermediate(intermediateKeys.getPublic(),
                "Vacme Intermediate CA " + id, root, token.signer(rootKeys.getPrivate(), root.getPublicKey()),
                serials.next(), now.minus(CaStorage.BACKDATE), now.plus(CaStorage.INTERMEDIATE_VALIDITY));
        token.store(intermediateLabel, intermediateKeys.getPrivate(), intermediate);
        try {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwxr-xr-x")));
            write(CaStorage.INTERMEDIATE_CERT, intermediate);
            write(CaStorage.ROOT_CERT, root);
        } catch (IOException e) {
            throw new CaException("cannot write the CA's certificates to " + directory + ": " + e.getMessage(), e);
        }
        return new Pkcs11SigningKeySource(token, root, key(rootLabel), intermediate, key(intermediateLabel),
                intermediateLabel, rootLabel);
    }

    private Pkcs11SigningKeySource load() {
        X509Certificate root = readCertificate(CaStorage.ROOT_CERT);
        X509Certificate intermediate = readCertificate(CaStorage.INTERMEDIATE_CERT);
        try {
            intermediate.verify(root.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new CaException(directory.resolve(CaStorage.INTERMEDIATE_CERT) + " is not signed by "
                    + directory.resolve(CaStorage.ROOT_CERT), e);
        }
        PrivateKey rootKey = matchingKey(rootLabel, root, CaStorage.ROOT_CERT);
        PrivateKey intermediateKey = matchingKey(intermediateLabel, intermediate, CaStorage.INTERMEDIATE_CERT);
        return new Pkcs11SigningKeySource(token, root, rootKey, intermediate, intermediateKey, intermediateLabel,
                rootLabel);
    }

    /** The key under {@code label}, which must be there and sign for the certificate in {@code file}. */
    private PrivateKey matchingKey(String label, X509Certificate certificate, String file) {
        PrivateKey key = token.privateKey(label).orElseThrow(() -> new CaException("PKCS#11 token '" + token.name()
                + "' has no key '" + label + "' although " + directory.resolve(file) + " exists: is this the right "
                + "token and label? (pkcs11-config, pkcs11-root-label, pkcs11-intermediate-label)"));
        if (!token.matches(key, certificate.getPublicKey())) {
            throw new CaException("the key '" + label + "' on PKCS#11 token '" + token.name() + "' does not belong to "
                    + directory.resolve(file));
        }
        return key;
    }

    /** The stored key under a label, as the token's key store returns it (not the generator's handle). */
    private PrivateKey key(String label) {
        return token.privateKey(label).orElseThrow(() -> new CaException("PKCS#11 token '" + token.name()
                + "' did not keep the key '" + label + "' it just stored"));
    }

    private X509Certificate readCertificate(String name) {
        Path path = directory.resolve(name);
        try {
            return Pem.readCertificate(Files.readString(path, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new CaException("cannot read " + path + ": " + e.getMessage(), e);
        } catch (PkiException e) {
            throw new CaException(path + ": " + e.getMessage(), e);
        }
    }

    private void write(String name, X509Certificate certificate) throws IOException {
        SecureFiles.writeAtomically(directory.resolve(name),
                Pem.encodeCertificate(certificate).getBytes(StandardCharsets.US_ASCII), SecureFiles.WORLD_READABLE);
    }
}
