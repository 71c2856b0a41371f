package dev.vacme.server.ca;

import dev.vacme.common.pki.KeyType;
import dev.vacme.common.pki.Pem;
import dev.vacme.common.pki.PkiException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * The CA's key material on disk: generated on first start (an EC P-384 root and an EC P-256
 * intermediate), reused on every later start. Private keys are written 0600 before any byte of
 * them is on disk; certificates are world-readable so that users can fetch the root.
 */
public final class CaStorage {

    /** File name of the root certificate, the trust anchor clients need. */
    public static final String ROOT_CERT = "root.pem";
    static final String ROOT_KEY = "root-key.pem";
    static final String INTERMEDIATE_CERT = "intermediate.pem";
    static final String INTERMEDIATE_KEY = "intermediate-key.pem";
    private static final List<String> FILES = List.of(ROOT_CERT, ROOT_KEY, INTERMEDIATE_CERT, INTERMEDIATE_KEY);

    static final Duration BACKDATE = Duration.ofHours(1);
    static final Duration ROOT_VALIDITY = Duration.ofDays(3650);
    static final Duration INTERMEDIATE_VALIDITY = Duration.ofDays(1825);

    private final Path directory;
    private final Clock clock;
    private final SecureRandom random;

    /**
     * @param directory where the CA files live, e.g. {@code <data-dir>/ca}
     * @param clock     the clock for validity periods
     * @param random    randomness for keys and serials
     */
    public CaStorage(Path directory, Clock clock, SecureRandom random) {
        this.directory = directory;
        this.clock = clock;
        this.random = random;
    }

    /** The CA directory. */
    public Path directory() {
        return directory;
    }

    /** Returns true when the directory holds none of the CA's files, so {@link #loadOrCreate} would generate it. */
    public boolean isEmpty() {
        return FILES.stream().noneMatch(name -> Files.exists(directory.resolve(name)));
    }

    /**
     * Deletes the CA's files, for a first start that failed after generating them: a CA nobody
     * trusts yet is not worth keeping, and the next start generates a fresh one.
     *
     * @throws CaException when a file cannot be deleted
     */
    public void remove() {
        for (String name : FILES) {
            try {
                Files.deleteIfExists(directory.resolve(name));
            } catch (IOException e) {
                throw new CaException("cannot remove " + directory.resolve(name) + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * Loads the CA, generating it first when the directory holds none of its files.
     *
     * @throws CaException when only some files exist, a file is unreadable or corrupt, or the
     *                     intermediate does not belong to the root
     */
    public CaKeys loadOrCreate() {
        List<String> present = FILES.stream().filter(name -> Files.exists(directory.resolve(name))).toList();
        if (present.isEmpty()) {
            return create();
        }
        if (present.size() != FILES.size()) {
            List<String> missing = FILES.stream().filter(name -> !present.contains(name)).toList();
            if (missing.equals(List.of(ROOT_KEY, INTERMEDIATE_KEY))) {
                throw new CaException(directory + " holds the CA's certificates but no key files: are its keys on a "
                        + "PKCS#11 token? then start with ca-key: pkcs11");
            }
            throw new CaException("incomplete CA in " + directory + ": missing " + String.join(", ", missing)
                    + " (restore them, or move the directory away to generate a new CA)");
        }
        return load();
    }

    /**
     * Loads an existing CA, never generating one: for commands run beside a server and for
     * re-reads of a running one.
     *
     * @throws CaException when the directory holds no CA, only part of one, or a corrupt one
     */
    public CaKeys loadExisting() {
        if (isEmpty()) {
            throw new CaException("no CA in " + directory + ": give the server's --data-dir (or --config)");
        }
        return loadOrCreate();
    }

    private CaKeys create() {
        Instant now = clock.instant();
        String id = HexFormat.of().formatHex(random.generateSeed(3));
        KeyPair rootKeys = KeyType.EC_P384.generate(random);
        KeyPair intermediateKeys = KeyType.EC_P256.generate(random);
        SerialNumbers serials = new SerialNumbers(random);
        X509Certificate root = CertificateProfiles.root(rootKeys, "Vacme Root CA " + id, serials.next(),
                now.minus(BACKDATE), now.plus(ROOT_VALIDITY));
        X509Certificate intermediate = CertificateProfiles.intermediate(intermediateKeys.getPublic(),
                "Vacme Intermediate CA " + id, root, rootKeys, serials.next(), now.minus(BACKDATE),
                now.plus(INTERMEDIATE_VALIDITY));
        try {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwxr-xr-x")));
            write(ROOT_KEY, Pem.encodePrivateKey(rootKeys.getPrivate()), true);
            write(INTERMEDIATE_KEY, Pem.encodePrivateKey(intermediateKeys.getPrivate()), true);
            write(INTERMEDIATE_CERT, Pem.encodeCertificate(intermediate), false);
            write(ROOT_CERT, Pem.encodeCertificate(root), false);
        } catch (IOException e) {
            throw new CaException("cannot write the CA to " + directory + ": " + e.getMessage(), e);
        }
        return new CaKeys(root, intermediate, intermediateKeys);
    }

    private CaKeys load() {
        X509Certificate root = Pem.readCertificate(read(ROOT_CERT));
        X509Certificate intermediate = Pem.readCertificate(read(INTERMEDIATE_CERT));
        KeyPair intermediateKeys = readKeyPair(INTERMEDIATE_KEY);
        try {
            intermediate.verify(root.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new CaException(directory.resolve(INTERMEDIATE_CERT) + " is not signed by "
                    + directory.resolve(ROOT_CERT), e);
        }
        if (!intermediate.getPublicKey().equals(intermediateKeys.getPublic())) {
            throw new CaException(directory.resolve(INTERMEDIATE_KEY) + " does not belong to "
                    + directory.resolve(INTERMEDIATE_CERT));
        }
        return new CaKeys(root, intermediate, intermediateKeys);
    }

    private KeyPair readKeyPair(String name) {
        try {
            return Pem.readKeyPair(read(name));
        } catch (PkiException e) {
            throw new CaException(directory.resolve(name) + ": " + e.getMessage(), e);
        }
    }

    private String read(String name) {
        Path path = directory.resolve(name);
        try {
            return Files.readString(path, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new CaException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    private void write(String name, String pem, boolean secret) throws IOException {
        SecureFiles.writeAtomically(directory.resolve(name), pem.getBytes(StandardCharsets.US_ASCII),
                secret ? SecureFiles.OWNER_ONLY : SecureFiles.WORLD_READABLE);
    }
}
