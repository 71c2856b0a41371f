package dev.vacme.client.deploy.nginx;

import dev.vacme.client.ErrorText;
import dev.vacme.client.store.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Edited configuration files written to disk, and how to put the originals back. Before a file
 * changes, it is handed to a backup ({@code beforeChange}); each file is then written atomically
 * with its original permissions and owner. A symbolic link (as in {@code sites-enabled/}) is
 * followed, so the link stays a link and its target is what is backed up and changed.
 */
public final class ConfigChanges {

    /**
     * One changed file.
     *
     * @param path     the file as the configuration names it
     * @param target   the file actually written (the link's target)
     * @param original its content before the change
     */
    public record ChangedFile(Path path, Path target, byte[] original) {
    }

    private final List<ChangedFile> changed;

    private ConfigChanges(List<ChangedFile> changed) {
        this.changed = List.copyOf(changed);
    }

    /**
     * Backs up and rewrites every file the edits touch. When a write fails, the files written so
     * far are restored before the exception is thrown.
     *
     * @param beforeChange takes a copy of each file (its real path) before it is first written
     * @throws NginxException when a file cannot be backed up or written
     */
    public static ConfigChanges write(NginxConfig config, TextEdits edits, Consumer<Path> beforeChange) {
        List<ChangedFile> done = new ArrayList<>();
        try {
            for (Path path : edits.files()) {
                Path target = path.toRealPath();
                byte[] original = Files.readAllBytes(target);
                beforeChange.accept(target);
                replace(target, edits.apply(path, config.file(path).text()).getBytes(StandardCharsets.UTF_8));
                done.add(new ChangedFile(path, target, original));
            }
        } catch (IOException e) {
            new ConfigChanges(done).restore(message -> { });
            throw new NginxException("cannot change the nginx configuration: " + ErrorText.of(e), e);
        } catch (RuntimeException e) {
            new ConfigChanges(done).restore(message -> { });
            throw e;
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
     * Writes every original back. Never throws: a file that cannot be restored is reported.
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
                log.accept("cannot restore " + file.target() + ": " + ErrorText.of(e));
            }
        }
        return all;
    }

    private static void replace(Path target, byte[] content) throws IOException {
        var permissions = Files.getPosixFilePermissions(target);
        var owner = Files.getOwner(target);
        AtomicFiles.write(target, content, permissions);
        if (!Files.getOwner(target).equals(owner)) {
            Files.setOwner(target, owner);
        }
    }
}
