package dev.vacme.server.ca;

import dev.vacme.common.pki.Pem;
import dev.vacme.common.pki.PkiException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The hierarchy's files under {@code <data-dir>/ca}. The first intermediate stays where every
 * Vacme CA has kept it ({@code intermediate.pem}, {@code intermediate-key.pem}, read by
 * {@link CaStorage}); later ones and alternate chains live beside it:
 *
 * <pre>
 * root.pem  root-key.pem  intermediate.pem  intermediate-key.pem   the root and the first intermediate
 * intermediates/ID/cert.pem  key.pem  created                        each rotated intermediate (ID = its key id)
 * alternate-roots/RID/root.pem  root-key.pem                         roots that cross-sign intermediates
 * cross-signed/ID/RID.pem                                            intermediate ID certified by root RID
 * </pre>
 *
 * For a CA on a PKCS#11 token the key files are {@code key.label} and {@code root-key.label}
 * instead, naming the key on the token ({@link TokenHierarchyKeys}); {@link HierarchyKeys} decides.
 * A new intermediate or alternate root is written into a hidden directory and renamed into place,
 * so a server re-reading the directory sees it completely or not at all. Key files are 0600.
 */
public final class CaDirectory {

    static final String INTERMEDIATES = "intermediates";
    static final String ALTERNATE_ROOTS = "alternate-roots";
    static final String CROSS_SIGNED = "cross-signed";
    static final String CERT = "cert.pem";
    static final String CREATED = "created";
    static final String ROOT_CERT = "root.pem";
    static final String ROOT_KEY = "root-key.pem";

    private final Path directory;
    private final HierarchyKeys keys;

    /** The directory of a CA whose keys are PEM files. */
    public CaDirectory(Path directory) {
        this(directory, new PemHierarchyKeys(new SecureRandom()));
    }

    /**
     * @param directory the CA directory, {@code <data-dir>/ca}
     * @param keys      where the keys of later intermediates and alternate roots live
     */
    public CaDirectory(Path directory, HierarchyKeys keys) {
        this.directory = directory;
        this.keys = keys;
    }

    /** The CA directory. */
    public Path path() {
        return directory;
    }

    /**
     * Reads the whole hierarchy, reusing the signing-key sources of {@code known} intermediates
     * (by id) so that a re-read does not replace what signs.
     *
     * @param first the root and first intermediate, as {@link CaStorage} loaded them
     * @throws CaException when a file is unreadable, corrupt or does not fit the root
     */
    public CaHierarchy load(CaKeys first, Map<String, SigningKeySource> known) {
        X509Certificate root = first.root();
        List<X509Certificate> alternateRoots = alternateRoots();
        List<Intermediate> intermediates = new ArrayList<>();
        String firstId = IssuerIds.of(first.intermediate());
        SigningKeySource firstKey = known.containsKey(firstId) ? known.get(firstId)
                : new PemSigningKeySource(first, directory.resolve(CaStorage.INTERMEDIATE_KEY));
        intermediates.add(new Intermediate(firstId, firstKey, first.intermediate().getNotBefore().toInstant(),
                crossSignatures(first.intermediate(), alternateRoots)));
        for (String id : names(directory.resolve(INTERMEDIATES))) {
            intermediates.add(intermediate(id, root, known, alternateRoots));
        }
        return new CaHierarchy(root, intermediates, alternateRoots);
    }

    /** Returns the signer of an alternate root, to cross-sign with. */
    RootSigner alternateRootSigner(String rootId) {
        Path dir = directory.resolve(ALTERNATE_ROOTS).resolve(rootId);
        if (!Files.isDirectory(dir)) {
            throw new CaException("no alternate root " + rootId + " in " + directory.resolve(ALTERNATE_ROOTS)
                    + " ('vacme-server ca show' lists them)");
        }
        return keys.alternateRoot(dir, certificate(dir.resolve(ROOT_CERT)));
    }

    /** Returns the signer of the CA's own root. */
    PemRootSigner rootSigner(X509Certificate root) {
        return new PemRootSigner(root, keyPair(directory.resolve(ROOT_KEY)), directory.resolve(ROOT_KEY));
    }

    /** Where the keys of later intermediates and alternate roots live. */
    HierarchyKeys keys() {
        return keys;
    }

    /**
     * Stores a new intermediate, atomically: a re-reading server sees all of it or nothing.
     *
     * @param keyFiles the files recording its key, from {@link HierarchyKeys#keep}
     */
    Path writeIntermediate(X509Certificate certificate, Map<String, String> keyFiles, Instant created) {
        String id = IssuerIds.of(certificate);
        Map<String, String> files = new HashMap<>(keyFiles);
        files.put(CERT, Pem.encodeCertificate(certificate));
        files.put(CREATED, created.toString() + "\n");
        return writeDirectory(directory.resolve(INTERMEDIATES), id, files);
    }

    /** Stores a new alternate root and the files recording its key, atomically. */
    Path writeAlternateRoot(X509Certificate root, Map<String, String> keyFiles) {
        Map<String, String> files = new HashMap<>(keyFiles);
        files.put(ROOT_CERT, Pem.encodeCertificate(root));
        return writeDirectory(directory.resolve(ALTERNATE_ROOTS), IssuerIds.of(root), files);
    }

    /** Stores an intermediate's certificate from an alternate root. */
    Path writeCrossSignature(X509Certificate crossSigned, X509Certificate alternateRoot) {
        Path dir = directory.resolve(CROSS_SIGNED).resolve(IssuerIds.of(crossSigned));
        Path file = dir.resolve(IssuerIds.of(alternateRoot) + ".pem");
        try {
            createDirectory(dir);
            SecureFiles.writeAtomically(file, Pem.encodeCertificate(crossSigned).getBytes(StandardCharsets.US_ASCII),
                    SecureFiles.WORLD_READABLE);
        } catch (IOException e) {
            throw new CaException("cannot write " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    private Intermediate intermediate(String id, X509Certificate root, Map<String, SigningKeySource> known,
            List<X509Certificate> alternateRoots) {
        Path dir = directory.resolve(INTERMEDIATES).resolve(id);
        X509Certificate certificate = certificate(dir.resolve(CERT));
        if (!IssuerIds.of(certificate).equals(id)) {
            throw new CaException(dir.resolve(CERT) + " certifies key " + IssuerIds.of(certificate)
                    + ", not the key its directory is named after");
        }
        verify(certificate, root, dir.resolve(CERT), "the root " + directory.resolve(CaStorage.ROOT_CERT));
        SigningKeySource key = known.get(id);
        if (key == null) {
            key = keys.intermediate(dir, root, certificate);
        }
        return new Intermediate(id, key, created(dir.resolve(CREATED)), crossSignatures(certificate, alternateRoots));
    }

    private List<X509Certificate> alternateRoots() {
        List<X509Certificate> roots = new ArrayList<>();
        for (String id : names(directory.resolve(ALTERNATE_ROOTS))) {
            Path file = directory.resolve(ALTERNATE_ROOTS).resolve(id).resolve(ROOT_CERT);
            X509Certificate root = certificate(file);
            verify(root, root, file, "itself");
            roots.add(root);
        }
        return roots;
    }

    private List<X509Certificate> crossSignatures(X509Certificate intermediate, List<X509Certificate> alternateRoots) {
        String id = IssuerIds.of(intermediate);
        Map<String, X509Certificate> rootsById = new HashMap<>();
        alternateRoots.forEach(root -> rootsById.put(IssuerIds.of(root), root));
        Path dir = directory.resolve(CROSS_SIGNED).resolve(id);
        List<X509Certificate> found = new ArrayList<>();
        for (String name : names(dir)) {
            if (!name.endsWith(".pem")) {
                continue;
            }
            Path file = dir.resolve(name);
            X509Certificate crossSigned = certificate(file);
            X509Certificate root = rootsById.get(name.substring(0, name.length() - ".pem".length()));
            if (root == null) {
                throw new CaException(file + " names no root in " + directory.resolve(ALTERNATE_ROOTS));
            }
            if (!IssuerIds.of(crossSigned).equals(id)
                    || !crossSigned.getSubjectX500Principal().equals(intermediate.getSubjectX500Principal())) {
                throw new CaException(file + " does not certify the key and name of intermediate " + id);
            }
            verify(crossSigned, root, file, "its alternate root");
            found.add(crossSigned);
        }
        return found;
    }

    private Path writeDirectory(Path parent, String name, Map<String, String> files) {
        Path target = parent.resolve(name);
        if (Files.exists(target)) {
            throw new CaException(target + " exists already");
        }
        Path temp = null;
        try {
            createDirectory(parent);
            temp = Files.createTempDirectory(parent, ".new-", PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwxr-xr-x")));
            for (var file : new TreeSet<>(files.keySet())) {
                boolean secret = file.contains("key");
                SecureFiles.writeAtomically(temp.resolve(file), files.get(file).getBytes(StandardCharsets.US_ASCII),
                        secret ? SecureFiles.OWNER_ONLY : SecureFiles.WORLD_READABLE);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target);
            }
            temp = null;
            return target;
        } catch (IOException e) {
            throw new CaException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(temp);
        }
    }

    private static void deleteQuietly(Path temp) {
        if (temp == null) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(temp)) {
            for (Path file : files) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // a hidden leftover; loading skips hidden names
        }
    }

    private static void createDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwxr-xr-x")));
        }
    }

    /** The visible entries of a directory, sorted; none when it does not exist. */
    private static List<String> names(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.startsWith(".")) {
                    names.add(name);
                }
            }
        } catch (IOException e) {
            throw new CaException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        names.sort(null);
        return names;
    }

    private static void verify(X509Certificate certificate, X509Certificate issuer, Path file, String issuerName) {
        try {
            certificate.verify(issuer.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new CaException(file + " is not signed by " + issuerName, e);
        }
    }

    private static Instant created(Path file) {
        String text = read(file, String::strip);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new CaException(file + " does not hold a time such as 2026-01-31T12:00:00Z", e);
        }
    }

    private static X509Certificate certificate(Path file) {
        return read(file, Pem::readCertificate);
    }

    static KeyPair keyPair(Path file) {
        return read(file, Pem::readKeyPair);
    }

    /** Reads a file of the CA directory and parses it, with one-line errors naming the file. */
    static <T> T read(Path file, Function<String, T> parse) {
        try {
            return parse.apply(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new CaException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (PkiException e) {
            throw new CaException(file + ": " + e.getMessage(), e);
        }
    }
}
