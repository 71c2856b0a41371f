package dev.vacme.client.store;

import dev.vacme.client.ErrorText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Gives a new private key the group and mode an admin gave the previous one (say
 * {@code chgrp ssl-cert} and {@code 0640} for a non-root daemon), as long as the owner can read
 * it. A failure is an error, not a warning: a key the daemon cannot read breaks the site at the
 * next reload.
 */
@FunctionalInterface
interface KeyAccess {

    /** Sets group and mode with the POSIX file attribute view. */
    KeyAccess POSIX = KeyAccess::copyPosix;

    /**
     * Copies the previous key's group and mode to the new key.
     *
     * @throws IOException when they cannot be set
     */
    void copy(Path key, PosixFileAttributes previous) throws IOException;

    private static void copyPosix(Path key, PosixFileAttributes previous) throws IOException {
        Set<PosixFilePermission> mode = EnumSet.copyOf(previous.permissions().isEmpty()
                ? AtomicFiles.PRIVATE : previous.permissions());
        mode.add(PosixFilePermission.OWNER_READ);
        mode.add(PosixFilePermission.OWNER_WRITE);
        PosixFileAttributeView view = Files.getFileAttributeView(key, PosixFileAttributeView.class);
        GroupPrincipal group = previous.group();
        try {
            if (!group.equals(view.readAttributes().group())) {
                view.setGroup(group);
            }
            view.setPermissions(mode);
        } catch (IOException e) {
            throw new IOException("cannot give the new private key the group '" + group.getName() + "' and mode "
                    + PosixFilePermissions.toString(mode) + " of the previous one (" + ErrorText.of(e) + ")", e);
        }
    }
}
