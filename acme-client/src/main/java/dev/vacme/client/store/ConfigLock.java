package dev.vacme.client.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The lock on a config directory: held while a run issues, renews, revokes or deletes, so two
 * runs never install versions of the same lineage at once. It is an OS file lock
 * ({@code fcntl}), released by the kernel when the process dies, so a crash never leaves a
 * stale lock; the file records the holder's pid for the message the second run prints.
 */
public final class ConfigLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private ConfigLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock if it is free.
     *
     * @return the lock, or empty when another run holds it
     * @throws StoreException when the lock file cannot be opened
     */
    public static Optional<ConfigLock> tryAcquire(ConfigLayout layout) {
        FileChannel channel = open(layout);
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                return Optional.empty();
            }
            recordHolder(channel);
            return Optional.of(new ConfigLock(channel, lock));
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            return Optional.empty();
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StoreException("cannot lock " + layout.lockFile() + ": " + e.getMessage(), e);
        }
    }

    /** Returns the pid recorded by the current holder, if readable. */
    public static Optional<String> holder(ConfigLayout layout) {
        try {
            String pid = Files.readString(layout.lockFile(), StandardCharsets.US_ASCII).strip();
            return pid.isEmpty() ? Optional.empty() : Optional.of(pid);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // Closing the channel below releases it as well.
        }
        closeQuietly(channel);
    }

    private static FileChannel open(ConfigLayout layout) {
        Path file = layout.lockFile();
        try {
            AtomicFiles.createDirectories(layout.root(), AtomicFiles.DIRECTORY);
            return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.READ);
        } catch (IOException e) {
            throw new StoreException("cannot open the lock file " + file + ": " + e.getMessage(), e);
        }
    }

    private static void recordHolder(FileChannel channel) throws IOException {
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Nothing more can be done about a channel that fails to close.
        }
    }
}
