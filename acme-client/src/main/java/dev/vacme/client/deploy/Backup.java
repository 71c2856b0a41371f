package dev.vacme.client.deploy;

import dev.vacme.client.ErrorText;
import dev.vacme.client.store.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The state of every file an installer changes, taken before its first change, so that a failed
 * deployment can put all of them back: a file that existed gets its content and mode back
 * (written atomically), a file the installer created is removed. Held in memory for the one
 * deployment; a file is copied once, however often the installer writes it.
 */
public final class Backup {

    /** A file's state before the deployment: its bytes and mode, or null bytes when it did not exist. */
    private record Saved(byte[] content, Set<PosixFilePermission> permissions) {
    }

    private final Map<Path, Saved> saved = new LinkedHashMap<>();

    /**
     * Records a file's current state before it is changed; later calls for the same file do
     * nothing, so the first state wins.
     *
     * @throws DeployException when the file exists but cannot be read
     */
    public void protect(Path file) {
        Path key = file.toAbsolutePath().normalize();
        if (saved.containsKey(key)) {
            return;
        }
        try {
            if (Files.exists(key, LinkOption.NOFOLLOW_LINKS)) {
                saved.put(key, new Saved(Files.readAllBytes(key), Files.getPosixFilePermissions(key)));
            } else {
                saved.put(key, new Saved(null, null));
            }
        } catch (IOException e) {
            throw new DeployException(DeployException.Step.INSTALL, "cannot back up " + key + " before changing it: "
                    + ErrorText.of(e), e);
        }
    }

    /** Returns the files protected so far, in order. */
    public List<Path> files() {
        return List.copyOf(saved.keySet());
    }

    /** Returns true when no file was protected (nothing was changed). */
    public boolean isEmpty() {
        return saved.isEmpty();
    }

    /**
     * Puts every protected file back as it was, newest first. Tries every file even when one
     * fails, then reports those that could not be restored.
     *
     * @throws DeployException naming the files that could not be restored
     */
    public void restore() {
        List<Path> order = new ArrayList<>(saved.keySet());
        List<String> failures = new ArrayList<>();
        for (int i = order.size() - 1; i >= 0; i--) {
            Path file = order.get(i);
            Saved state = saved.get(file);
            try {
                if (state.content() == null) {
                    Files.deleteIfExists(file);
                } else {
                    AtomicFiles.write(file, state.content(), state.permissions());
                }
            } catch (IOException e) {
                failures.add(file + " (" + ErrorText.of(e) + ")");
            }
        }
        if (!failures.isEmpty()) {
            throw new DeployException(DeployException.Step.INSTALL, "could not restore " + String.join(", ", failures));
        }
    }
}
