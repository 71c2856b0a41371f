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
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The lock on a config directory: held while a run issues, renews, revokes or deletes, so two
 * runs never install versions of the same lineage at once. It is an OS file lock
 * ({@code fcntl}), released by the kernel when the process dies, so a crash never leaves a
 * stale lock. The file records the holder's pid and since when it holds the lock
 * ({@code PID INSTANT}), for the message the second run prints and to tell a run that is
 * merely busy from one that is stuck.
 */
public final class ConfigLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private ConfigLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Who holds the lock, as the holder recorded it.
     *
     * @param pid   the holder's process id, or "?" when unreadable
     * @param since when it took the lock; empty when unknown (a file written by an older vacme)
     */
    public record Holder(String pid, Optional<Instant> since) {
    }

    /** Takes the lock if it is free, recording the current time as when it was taken. */
    public static Optional<ConfigLock> tryAcquire(ConfigLayout layout) {
        return tryAcquire(layout, Instant.now());
    }

    /**
     * Takes the lock if it is free.
     *
     * @param now when the lock is taken, recorded for later runs
     * @return the lock, or empty when another run holds it
     * @throws StoreException when the lock file cannot be opened
     */
    public static Optional<ConfigLock> tryAcquire(ConfigLayout layout, Instant now) {
        FileChannel channel = open(layout);
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                return Optional.empty();
            }
            recordHolder(channel, now);
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
        String pid = holderRecord(layout).pid();
        return "?".equals(pid) ? Optional.empty() : Optional.of(pid);
    }

    /** Returns the holder as recorded in the lock file; unknown parts are "?" and empty. */
    public static Holder holderRecord(ConfigLayout layout) {
        String text;
        try {
            text = Files.readString(layout.lockFile(), StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            return new Holder("?", Optional.empty());
        }
        String[] parts = text.split("\\s+");
        String pid = parts[0].isEmpty() ? "?" : parts[0];
        Optional<Instant> since = Optional.empty();
        if (parts.length > 1) {
            try {
                since = Optional.of(Instant.parse(parts[1]));
            } catch (DateTimeParseException e) {
                // An unreadable time is treated as unknown: never call a run stuck on a guess.
            }
        }
        return new Holder(pid, since);
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

    private static void recordHolder(FileChannel channel, Instant now) throws IOException {
        channel.truncate(0);
        String record = ProcessHandle.current().pid() + " " + now + "\n";
        channel.write(ByteBuffer.wrap(record.getBytes(StandardCharsets.US_ASCII)), 0);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Nothing more can be done about a channel that fails to close.
        }
    }
}
