package dev.vacme.client.store;

import dev.vacme.client.ErrorText;
import dev.vacme.common.pki.Pem;
import dev.vacme.common.pki.PkiException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * The lineages under the config directory.
 *
 * <p><b>How the live files switch atomically.</b> Each version is a complete directory
 * {@code archive/NAME/N/} holding all four PEM files, and {@code live/NAME} is a symbolic link
 * to the current version directory ({@code ../archive/NAME/N}). A new version is first written
 * in full to a temporary directory next to the others, every file flushed to disk, and then
 * renamed to {@code archive/NAME/N} ({@link #stage}); only then is a new symlink created under a
 * temporary name and renamed over {@code live/NAME} ({@link #activate}). The issuer writes the
 * renewal configuration describing the new version between the two, so the switch is the commit
 * point: a failure before it leaves the previous version live, and {@link #readConf} reconciles a
 * configuration that describes a version that did not become live. {@code rename(2)} replaces the old link atomically, so a
 * reader opening {@code live/NAME/fullchain.pem} and {@code live/NAME/privkey.pem} always finds
 * both files, and (resolving the link once, e.g. with {@code realpath}) always a matching pair.
 * If anything fails before the final rename (a full disk, a crash, a failed issuance) the old
 * link is untouched and the previous version stays live; a half-written temporary directory is
 * removed on failure, or at the next write after a crash, as is a temporary link in {@code live/}.
 *
 * <p>Private keys are created {@code 0600}; when the previous version's key had another group
 * or mode (an admin let a web server's group read it), the new key gets the same, or the new
 * version is not installed (see {@link KeyAccess}).
 */
public final class LineageStore {

    private static final String TEMPORARY_PREFIX = ".tmp-";

    private final ConfigLayout layout;
    private final Consumer<String> warnings;
    private final KeyAccess keyAccess;

    /** Creates the store; {@code warnings} receives problems that do not stop the write. */
    public LineageStore(ConfigLayout layout, Consumer<String> warnings) {
        this(layout, warnings, KeyAccess.POSIX);
    }

    /** Creates the store with another way to copy key access (tests make it fail). */
    LineageStore(ConfigLayout layout, Consumer<String> warnings, KeyAccess keyAccess) {
        this.layout = layout;
        this.warnings = warnings;
        this.keyAccess = keyAccess;
    }

    /** Returns the layout. */
    public ConfigLayout layout() {
        return layout;
    }

    /** Returns the names of all lineages (those with a renewal configuration), sorted. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(layout.renewal())) {
            return names;
        }
        try (DirectoryStream<Path> confs = Files.newDirectoryStream(layout.renewal(), "*.conf")) {
            for (Path conf : confs) {
                String file = conf.getFileName().toString();
                if (!file.startsWith(".")) {
                    names.add(file.substring(0, file.length() - ".conf".length()));
                }
            }
        } catch (IOException e) {
            throw new StoreException("cannot list " + layout.renewal() + ": " + ErrorText.of(e), e);
        }
        names.sort(null);
        return names;
    }

    /** Returns true when the lineage has a renewal configuration. */
    public boolean exists(String name) {
        return Files.isRegularFile(layout.renewalConf(name));
    }

    /**
     * Reads a lineage's renewal configuration, reconciled with {@code live/NAME}: the
     * configuration is written before the live link switches (see {@link #install}), so after a
     * failed switch or a crash in between it may describe a version that is not live. Then the
     * certificate facts are rebuilt from {@code live/NAME/cert.pem}, or dropped when nothing is
     * live, so that {@code renew} and {@code certificates} see the certificate actually served.
     *
     * @throws StoreException when it is missing or corrupt
     */
    public RenewalConf readConf(String name) {
        Path file = layout.renewalConf(name);
        RenewalConf conf;
        try {
            conf = RenewalConfCodec.read(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (NoSuchFileException e) {
            throw new StoreException("no certificate named '" + name + "' (no " + file + ")", e);
        } catch (IOException e) {
            throw new StoreException("cannot read " + file + ": " + ErrorText.of(e), e);
        }
        return reconcile(name, conf);
    }

    private RenewalConf reconcile(String name, RenewalConf conf) {
        CertificateFacts recorded = conf.certificate();
        OptionalInt live = liveVersion(name);
        if (live.isEmpty()) {
            if (recorded != null) {
                warnings.accept(layout.renewalConf(name) + " describes version " + recorded.version() + " of " + name
                        + ", but nothing is live (an interrupted run); the next renew obtains a certificate");
            }
            return recorded == null ? conf : conf.withCertificate(null);
        }
        if (recorded != null && recorded.version() == live.getAsInt()) {
            return conf;
        }
        warnings.accept(layout.renewalConf(name) + " describes " + (recorded == null ? "no certificate"
                : "version " + recorded.version()) + " of " + name + ", but version " + live.getAsInt()
                + " is live (an interrupted run); using the facts of the live certificate");
        try {
            X509Certificate leaf = Pem.readCertificate(readLive(name, LineageFiles.CERT));
            return conf.withCertificate(CertificateFacts.of(live.getAsInt(), leaf,
                    recorded == null ? null : recorded.renewalInfo(), null));
        } catch (StoreException | PkiException e) {
            warnings.accept("cannot read the live certificate of " + name + " (" + ErrorText.of(e)
                    + "); the next renew replaces it");
            return conf.withCertificate(null);
        }
    }

    /**
     * Writes a lineage's renewal configuration atomically, first removing the temporary copy a
     * crash in an earlier write may have left ({@code renewal/.NAME.conf.tmp-*}).
     */
    public void writeConf(String name, RenewalConf conf, String vacmeVersion) {
        Path file = layout.renewalConf(name);
        try {
            AtomicFiles.createDirectories(layout.renewal(), AtomicFiles.DIRECTORY);
            removeLeftovers(layout.renewal(), "." + file.getFileName() + TEMPORARY_PREFIX + "*");
            AtomicFiles.write(file, RenewalConfCodec.write(name, conf, vacmeVersion).getBytes(StandardCharsets.UTF_8),
                    AtomicFiles.PUBLIC);
        } catch (IOException e) {
            throw new StoreException("cannot write " + file + ": " + ErrorText.of(e), e);
        }
    }

    /**
     * Records that the lineage's live certificate is revoked, when {@code certificate} is that
     * certificate (a revoked older version, or another certificate, changes nothing). A revocation
     * already learnt from the CA is not replaced by the local record of {@code vacme revoke}, which
     * knows neither the CA's time nor, when the server said it was already revoked, the reason.
     * The caller holds the config directory's lock.
     *
     * @return true when the live certificate is recorded as revoked now
     * @throws StoreException when the configuration cannot be read or written
     */
    public boolean recordRevocation(String name, X509Certificate certificate, Revocation revocation,
            String vacmeVersion) {
        RenewalConf conf = readConf(name);
        CertificateFacts facts = conf.certificate();
        if (facts == null || !isLive(name, certificate)) {
            return false;
        }
        Revocation known = facts.revocation();
        if (revocation.equals(known) || known != null && !Revocation.LOCAL.equals(known.source())
                && Revocation.LOCAL.equals(revocation.source())) {
            return true;
        }
        writeConf(name, conf.withCertificate(facts.withRevocation(revocation)).withAri(conf.ari()), vacmeVersion);
        return true;
    }

    /** Returns true when the certificate is the lineage's live one (the same encoding, not just the serial). */
    private boolean isLive(String name, X509Certificate certificate) {
        try {
            return Arrays.equals(Pem.readCertificate(readLive(name, LineageFiles.CERT)).getEncoded(),
                    certificate.getEncoded());
        } catch (StoreException | PkiException | CertificateEncodingException e) {
            return false;
        }
    }

    /** Returns the live paths ({@code live/NAME/...}), which follow the symlink. */
    public LineageFiles liveFiles(String name) {
        return new LineageFiles(layout.liveDir(name));
    }

    /** Returns the paths of one archived version. */
    public LineageFiles versionFiles(String name, int version) {
        return new LineageFiles(layout.archiveDir(name).resolve(Integer.toString(version)));
    }

    /** Returns the version {@code live/NAME} points to, read from the link without touching the files. */
    public OptionalInt liveVersion(String name) {
        try {
            Path target = Files.readSymbolicLink(layout.liveDir(name));
            return OptionalInt.of(Integer.parseInt(target.getFileName().toString()));
        } catch (IOException | NumberFormatException | UnsupportedOperationException e) {
            return OptionalInt.empty();
        }
    }

    /**
     * Installs a new version and switches {@code live/NAME} to it: {@link #stage} then
     * {@link #activate}.
     *
     * @return the new version number
     * @throws StoreException when writing fails; the previous version then stays live
     */
    public int install(String name, PemBundle pems) {
        int version = stage(name, pems);
        activate(name, version);
        return version;
    }

    /**
     * Writes a new version completely to {@code archive/NAME/N}, without making it live.
     *
     * @return the new version number
     * @throws StoreException when writing fails; nothing is left behind
     */
    public int stage(String name, PemBundle pems) {
        Path archive = layout.archiveDir(name);
        Path temporary = null;
        try {
            AtomicFiles.createDirectories(archive, AtomicFiles.DIRECTORY);
            AtomicFiles.createDirectories(layout.live(), AtomicFiles.DIRECTORY);
            removeLeftovers(archive, TEMPORARY_PREFIX + "*");
            removeLeftovers(layout.live(), "." + name + TEMPORARY_PREFIX + "*");
            int version = nextVersion(archive);
            temporary = archive.resolve(TEMPORARY_PREFIX + AtomicFiles.randomSuffix());
            Files.createDirectory(temporary);
            Files.setPosixFilePermissions(temporary, AtomicFiles.DIRECTORY);
            writeVersion(new LineageFiles(temporary), pems, previousKey(name));
            AtomicFiles.syncDirectory(temporary);
            Path finalDir = archive.resolve(Integer.toString(version));
            Files.move(temporary, finalDir, StandardCopyOption.ATOMIC_MOVE);
            temporary = finalDir;
            AtomicFiles.syncDirectory(archive);
            return version;
        } catch (IOException e) {
            discard(temporary);
            throw new StoreException("cannot install a new version of '" + name + "' (the previous version stays"
                    + " live): " + ErrorText.of(e), e);
        }
    }

    /**
     * Switches {@code live/NAME} to a staged version, atomically as the class comment explains:
     * the commit point of an installation.
     *
     * @throws StoreException when the switch fails; the previous version then stays live and the
     *                        staged one is removed
     */
    public void activate(String name, int version) {
        try {
            switchLive(name, version);
        } catch (IOException e) {
            if (liveVersion(name).orElse(-1) == version) {
                warnings.accept("switched " + layout.liveDir(name) + " to version " + version
                        + " but could not flush the directory: " + ErrorText.of(e));
                return;
            }
            discardVersion(name, version);
            throw new StoreException("cannot install a new version of '" + name + "' (the previous version stays"
                    + " live): " + ErrorText.of(e), e);
        }
    }

    /** Removes a staged version that did not become live; a live version is never removed. */
    public void discardVersion(String name, int version) {
        if (liveVersion(name).orElse(-1) != version) {
            discard(versionFiles(name, version).directory());
        }
    }

    /** Deletes a lineage: its renewal configuration first (so renew no longer sees it), then its files. */
    public void delete(String name) {
        try {
            Files.deleteIfExists(layout.renewalConf(name));
            Files.deleteIfExists(layout.liveDir(name));
            AtomicFiles.deleteTree(layout.archiveDir(name));
        } catch (IOException e) {
            throw new StoreException("cannot delete '" + name + "': " + ErrorText.of(e), e);
        }
    }

    /** Reads a PEM file of the live version. */
    public String readLive(String name, String file) {
        Path path = layout.liveDir(name).resolve(file);
        try {
            return Files.readString(path, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new StoreException("cannot read " + path + ": " + ErrorText.of(e), e);
        }
    }

    private void writeVersion(LineageFiles files, PemBundle pems, Optional<PosixFileAttributes> previousKey)
            throws IOException {
        AtomicFiles.writeNew(files.cert(), ascii(pems.cert()), AtomicFiles.PUBLIC);
        AtomicFiles.writeNew(files.chain(), ascii(pems.chain()), AtomicFiles.PUBLIC);
        AtomicFiles.writeNew(files.fullchain(), ascii(pems.fullchain()), AtomicFiles.PUBLIC);
        AtomicFiles.writeNew(files.privkey(), ascii(pems.privkey()), AtomicFiles.PRIVATE);
        if (previousKey.isPresent()) {
            keyAccess.copy(files.privkey(), previousKey.get());
        }
    }

    /**
     * Returns the group and mode of the live private key, or empty when there is no live key; a
     * key whose attributes cannot be read is an error, not "no previous key", which would quietly
     * make the new key owner-only.
     */
    private Optional<PosixFileAttributes> previousKey(String name) throws IOException {
        Path key = liveFiles(name).privkey();
        try {
            return Optional.of(Files.readAttributes(key, PosixFileAttributes.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new IOException("cannot read the group and mode of the previous private key " + key + " ("
                    + ErrorText.of(e) + ")", e);
        }
    }

    private void switchLive(String name, int version) throws IOException {
        Path live = layout.liveDir(name);
        Path link = layout.live().resolve("." + name + TEMPORARY_PREFIX + AtomicFiles.randomSuffix());
        Path target = Path.of("..", "archive", name, Integer.toString(version));
        try {
            Files.createSymbolicLink(link, target);
            // rename(2) replaces the old link in one step: readers see the old or the new version.
            Files.move(link, live, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(link);
        }
        AtomicFiles.syncDirectory(layout.live());
    }

    private static int nextVersion(Path archive) throws IOException {
        int highest = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(archive)) {
            for (Path entry : entries) {
                String file = entry.getFileName().toString();
                if (file.matches("\\d{1,9}")) {
                    highest = Math.max(highest, Integer.parseInt(file));
                }
            }
        }
        return highest + 1;
    }

    /**
     * Removes what an interrupted run left behind: a half-written version directory in
     * {@code archive/NAME}, a new link in {@code live/} that never replaced {@code live/NAME}, or a
     * temporary renewal configuration that never replaced {@code renewal/NAME.conf}.
     */
    private void removeLeftovers(Path directory, String glob) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, glob)) {
            for (Path entry : entries) {
                warnings.accept("removing " + entry + ", left behind by an interrupted run");
                AtomicFiles.deleteTree(entry);
            }
        }
    }

    private void discard(Path directory) {
        if (directory == null || !Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            AtomicFiles.deleteTree(directory);
        } catch (IOException e) {
            warnings.accept("could not remove " + directory + ": " + ErrorText.of(e));
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
