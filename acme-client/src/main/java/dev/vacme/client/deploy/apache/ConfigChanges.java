package dev.vacme.client.deploy.apache;

import dev.vacme.client.store.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Writes planned edits and can undo them. Every file is backed up before it changes, both on disk
 * (below the backup directory, at its absolute path, so an admin finds it) and in memory (for
 * {@link #restore()}); every write replaces the file atomically and keeps its permissions; a file
 * included through a symbolic link (Debian's {@code sites-enabled}) is written where the link
 * points, so the link stays.
 */
final class ConfigChanges {

    private record Original(Path file, byte[] content, Set<PosixFilePermission> permissions) {
    }

    private final Path backupDir;
    private final Consumer<String> log;
    private final List<Original> originals = new ArrayList<>();
    private final List<Path> created = new ArrayList<>();

    /**
     * Creates the writer.
     *
     * @param backupDir where copies of changed files go
     * @param log       where verbose messages go
     */
    ConfigChanges(Path backupDir, Consumer<String> log) {
        this.backupDir = backupDir;
        this.log = log;
    }

    /**
     * Backs up and writes every changed file, creates new files and links. On a failure halfway,
     * what was written is undone before the exception leaves.
     *
     * @throws ApacheConfigException when a file cannot be backed up or written
     */
    void apply(ConfigEdits edits) {
        try {
            for (Map.Entry<Path, String> entry : new LinkedHashMap<>(edits.render()).entrySet()) {
                write(entry.getKey(), entry.getValue().getBytes(StandardCharsets.ISO_8859_1));
            }
            for (Map.Entry<Path, Path> link : edits.links().entrySet()) {
                Files.createSymbolicLink(link.getKey(), link.getValue());
                created.add(link.getKey());
                log.accept("linked " + link.getKey() + " -> " + link.getValue());
            }
        } catch (IOException e) {
            restore();
            throw new ApacheConfigException("cannot change Apache's configuration: " + e.getMessage(), e);
        }
    }

    /** Returns true when something was written that {@link #restore()} would undo. */
    boolean changed() {
        return !originals.isEmpty() || !created.isEmpty();
    }

    /**
     * Puts every changed file back as it was and removes created ones; reports problems but goes
     * on, so that as much as possible is restored.
     *
     * @return true when everything was restored
     */
    boolean restore() {
        boolean complete = true;
        for (int i = created.size() - 1; i >= 0; i--) {
            Path file = created.get(i);
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                log.accept("cannot remove " + file + ": " + e.getMessage());
                complete = false;
            }
        }
        for (int i = originals.size() - 1; i >= 0; i--) {
            Original original = originals.get(i);
            try {
                AtomicFiles.write(original.file(), original.content(), original.permissions());
            } catch (IOException e) {
                log.accept("cannot restore " + original.file() + ": " + e.getMessage());
                complete = false;
            }
        }
        created.clear();
        originals.clear();
        return complete;
    }

    private void write(Path path, byte[] content) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            AtomicFiles.write(path, content, AtomicFiles.PUBLIC);
            created.add(path);
            log.accept("created " + path);
            return;
        }
        Path real = path.toRealPath();
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(real);
        byte[] before = Files.readAllBytes(real);
        Path backup = backupDir.resolve(real.getRoot().relativize(real));
        AtomicFiles.createDirectories(backup.getParent(), AtomicFiles.PRIVATE_DIRECTORY);
        Files.copy(real, backup, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        originals.add(new Original(real, before, permissions));
        AtomicFiles.write(real, content, permissions);
        log.accept("changed " + real + " (backup: " + backup + ")");
    }
}
