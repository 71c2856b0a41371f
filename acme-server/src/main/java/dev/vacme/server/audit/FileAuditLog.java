package dev.vacme.server.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log of {@code --audit-log FILE}: one JSON object per line, appended, e.g.
 * {@code {"time":"2026-11-30T07:00:00Z","event":"certificate-issued","account":"...","serial":"..."}}.
 *
 * <p>A new file is created readable by its owner and group only (0640). Lines are written by one
 * thread of their own, so callers never wait on the disk: each line reaches the operating system
 * as soon as that thread takes it (a crash of the server loses nothing already recorded), and the
 * thread forces the file to disk (fsync) after each batch it wrote, so a power failure loses at
 * most the lines of the batch then in flight. {@link #reopen()} (on SIGHUP) closes the file and
 * opens the path again, for logrotate.
 */
public final class FileAuditLog implements AuditLog, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FileAuditLog.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the writer thread is asked to do besides writing lines. */
    private enum Control { REOPEN, CLOSE }

    private final Path path;
    private final Clock clock;
    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private FileChannel channel;

    private FileAuditLog(Path path, Clock clock) throws IOException {
        this.path = path;
        this.clock = clock;
        this.channel = open(path);
        this.writer = new Thread(this::writeLines, "vacme-audit-log");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Opens (creating it 0640 when absent) the audit log for appending.
     *
     * @throws IOException when the file cannot be created or opened
     */
    public static FileAuditLog open(Path path, Clock clock) throws IOException {
        return new FileAuditLog(path.toAbsolutePath(), clock);
    }

    /** Returns the file's path. */
    public Path path() {
        return path;
    }

    @Override
    public void record(AuditEvent event) {
        ObjectNode line = JSON.createObjectNode();
        line.put("time", clock.instant().toString());
        line.put("event", event.event());
        ObjectNode fields = JSON.valueToTree(event);
        fields.remove("event");
        fields.properties().removeIf(field -> field.getValue().isNull());
        line.setAll(fields);
        queue.add(line.toString());
    }

    /** Closes the file and opens its path again, once the lines recorded before have been written. */
    public void reopen() {
        queue.add(Control.REOPEN);
    }

    /** Writes what is queued, forces it to disk and closes the file. */
    @Override
    public void close() {
        queue.add(Control.CLOSE);
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static FileChannel open(Path path) throws IOException {
        try {
            Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r-----")));
        } catch (FileAlreadyExistsException e) {
            // Appended to as it is, with the permissions the operator gave it.
        } catch (UnsupportedOperationException e) {
            // A file system without POSIX permissions (a FAT or SMB mount): the directory's own
            // access rules are all there is, so the file is created without a mode.
            Files.createFile(path);
        }
        return FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    private void writeLines() {
        List<Object> batch = new ArrayList<>();
        while (true) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(batch);
            for (Object item : batch) {
                if (item == Control.REOPEN) {
                    swapFile();
                } else if (item == Control.CLOSE) {
                    closeChannel();
                    return;
                } else {
                    write((String) item);
                }
            }
            batch.clear();
            force();
        }
    }

    private void write(String line) {
        ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        try {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        } catch (IOException e) {
            LOG.error("cannot write to the audit log {}: {}; the event was: {}", path, e.getMessage(), line);
        }
    }

    private void force() {
        try {
            channel.force(false);
        } catch (IOException e) {
            LOG.error("cannot sync the audit log {} to disk: {}", path, e.getMessage());
        }
    }

    private void swapFile() {
        force();
        try {
            FileChannel reopened = open(path);
            closeChannel();
            channel = reopened;
        } catch (IOException e) {
            LOG.error("cannot reopen the audit log {}: {}; still writing to the file opened before", path,
                    e.getMessage());
        }
    }

    private void closeChannel() {
        try {
            channel.force(false);
            channel.close();
        } catch (IOException e) {
            LOG.error("cannot close the audit log {}: {}", path, e.getMessage());
        }
    }
}
