package dev.vacme.client.deploy.apache;

import dev.vacme.client.ErrorText;
import dev.vacme.client.deploy.Backup;
import dev.vacme.client.deploy.DeployException;
import dev.vacme.client.store.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Writes planned edits. Every file is handed to the deployment's {@link Backup} before it changes;
 * every write replaces the file atomically and keeps its permissions; a file included through a
 * symbolic link (Debian's {@code sites-enabled}) is written where the link points, so the link
 * stays a link.
 */
final class ConfigChanges {

    private ConfigChanges() {
    }

    /**
     * Backs up and writes every changed file, creates new files and links.
     *
     * @throws DeployException when a file cannot be written (what was written is in the backup)
     */
    static void apply(ConfigEdits edits, Backup backup, Consumer<String> log) {
        try {
            for (Map.Entry<Path, String> entry : edits.render().entrySet()) {
                Path file = entry.getKey();
                Path real = Files.exists(file) ? file.toRealPath() : file;
                write(file, ConfigCharset.encode(real, entry.getValue()), backup, log);
            }
            for (Map.Entry<Path, Path> link : edits.links().entrySet()) {
                backup.protect(link.getKey());
                Files.createSymbolicLink(link.getKey(), link.getValue());
                log.accept("linked " + link.getKey() + " -> " + link.getValue());
            }
        } catch (IOException e) {
            throw new DeployException(DeployException.Step.INSTALL, "cannot change Apache's configuration: "
                    + ErrorText.of(e), e);
        }
    }

    private static void write(Path path, byte[] content, Backup backup, Consumer<String> log) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            backup.protect(path);
            AtomicFiles.write(path, content, AtomicFiles.PUBLIC);
            log.accept("created " + path);
            return;
        }
        Path real = path.toRealPath();
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(real);
        backup.protect(real);
        AtomicFiles.write(real, content, permissions);
        log.accept("changed " + real);
    }
}
