package dev.vacme.client.deploy.nginx;

import dev.vacme.client.store.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Edited configuration files written to disk, and how to put the originals back. Before a file
 * changes, its original is copied below a backup directory ({@code BACKUPS/TIME/absolute/path}),
 * which lies outside the nginx configuration so that no {@code include} glob picks a copy up. Each
 * file is written atomically with its original permissions; a symbolic link (as in
 * {@code sites-enabled/}) is followed, so the link stays a link.
 */
public final class ConfigChanges {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    /**
     * One changed file.
     *
     * @param path     the file as the configuration names it
     * @param target   the file actually written (the link's target)
     * @param original its content before the change
     * @param backup   the copy of the original
     */
    public record ChangedFile(Path path, Path target, byte[] original, Path backup) {
    }

    private final List<ChangedFile> changed;

    private ConfigChanges(List<ChangedFile> changed) {
        this.changed = List.copyOf(changed);
    }

    /**
     * Backs up and rewrites every file the edits touch. When a write fails, the files written so
     * far are restored before the exception is thrown.
     *
     * @param backups where the backup copies go
     * @throws NginxException when a file cannot be backed up or written
     */
    public static ConfigChanges write(NginxConfig config, TextEdits edits, Path backups, Clock clock) {
        Path directory = backups.resolve(STAMP.format(clock.instant())).toAbsolutePath();
        List<ChangedFile> done = new ArrayList<>();
        try {
            for (Path path : edits.files()) {
                NginxFile file = config.file(path);
                Path target = path.toRealPath();
                byte[] original = Files.readAllBytes(target);
                Path backup = directory.resolve(target.getRoot().relativize(target));
                AtomicFiles.createDirectories(backup.getParent(), AtomicFiles.PRIVATE_DIRECTORY);
                AtomicFiles.write(backup, original, AtomicFiles.PRIVATE);
                ChangedFile change = new ChangedFile(path, target, original, backup);
                replace(target, edits.apply(path, file.text()).getBytes(StandardCharsets.UTF_8));
                done.add(change);
            }
        } catch (IOException | RuntimeException e) {
            new ConfigChanges(done).restore(message -> { });
            throw new NginxException("cannot change the nginx configuration: " + e.getMessage(), e);
        }
        return new ConfigChanges(done);
    }

    /** Returns the files that changed. */
    public List<ChangedFile> files() {
        return changed;
    }

    /** Returns true when no file changed. */
    public boolean isEmpty() {
        return changed.isEmpty();
    }

    /**
     * Writes every original back. Never throws: a file that cannot be restored is reported, with
     * the backup to copy back by hand.
     *
     * @param log where a failed restore is reported
     * @return true when every file was restored
     */
    public boolean restore(Consumer<String> log) {
        boolean all = true;
        for (ChangedFile file : changed) {
            try {
                replace(file.target(), file.original());
            } catch (IOException e) {
                all = false;
                log.accept("cannot restore " + file.target() + " (" + e.getMessage() + "); copy it back from "
                        + file.backup());
            }
        }
        return all;
    }

    private static void replace(Path target, byte[] content) throws IOException {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(target);
        var owner = Files.getOwner(target);
        AtomicFiles.write(target, content, permissions);
        if (!Files.getOwner(target).equals(owner)) {
            Files.setOwner(target, owner);
        }
    }
}
