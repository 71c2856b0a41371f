package dev.vacme.client.challenge;

import dev.vacme.client.ErrorText;
import dev.vacme.common.model.Challenge;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Answers http-01 (RFC 8555 §8.3) through a running web server's document root: writes
 * {@code ROOT/.well-known/acme-challenge/TOKEN} and removes it afterwards, together with the
 * directories it had to create (certbot's {@code --webroot -w ROOT}).
 */
public final class WebrootAuthenticator implements Authenticator {

    private static final Set<PosixFilePermission> READABLE = PosixFilePermissions.fromString("rw-r--r--");

    /** Writes the content of a response file that was just created. */
    @FunctionalInterface
    interface ContentWriter {
        /** Writes the content into the file. */
        void write(Path file, byte[] content) throws IOException;
    }

    private final Map<String, Path> webroots;
    private final Consumer<String> log;
    private final ContentWriter writer;
    private final List<Path> written = new ArrayList<>();
    private final Deque<Path> createdDirectories = new ArrayDeque<>();

    /**
     * Creates the authenticator.
     *
     * @param webroots the document root of each name
     * @param log      where verbose messages and cleanup problems go
     */
    public WebrootAuthenticator(Map<String, Path> webroots, Consumer<String> log) {
        this(webroots, log, (file, content) -> Files.write(file, content, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS));
    }

    /** Creates the authenticator with another way to write content (tests make it fail halfway). */
    WebrootAuthenticator(Map<String, Path> webroots, Consumer<String> log, ContentWriter writer) {
        this.webroots = Map.copyOf(webroots);
        this.log = log;
        this.writer = writer;
    }

    @Override
    public String name() {
        return "webroot";
    }

    @Override
    public List<String> challengeTypes() {
        return List.of(Challenge.HTTP_01);
    }

    @Override
    public void perform(List<ChallengeTask> tasks) {
        for (ChallengeTask task : tasks) {
            Path root = webroots.get(task.domain());
            if (root == null) {
                throw new AuthenticatorException("no webroot for " + task.domain() + "; give -w DIR before its -d");
            }
            if (!Files.isDirectory(root)) {
                throw new AuthenticatorException("the webroot " + root + " of " + task.domain() + " is not a directory");
            }
            Path directory = root.resolve(".well-known").resolve("acme-challenge").normalize();
            Path file = directory.resolve(task.token()).normalize();
            if (!directory.equals(file.getParent())) {
                // The issuer refuses such tokens already; this keeps the authenticator safe on its own.
                throw new AuthenticatorException("refusing the http-01 token '" + task.token() + "' of "
                        + task.domain() + ": it names a file outside " + directory);
            }
            try {
                createDirectories(directory);
                Files.createFile(file, PosixFilePermissions.asFileAttribute(READABLE));
                // Recorded as soon as it exists, so that cleanup also removes a half-written file.
                written.add(file);
                writer.write(file, task.keyAuthorization().getBytes(StandardCharsets.US_ASCII));
                Files.setPosixFilePermissions(file, READABLE);
            } catch (IOException e) {
                throw new AuthenticatorException("cannot write the http-01 response " + file + ": " + e, e);
            }
            log.accept("wrote http-01 response " + file);
        }
    }

    @Override
    public void cleanup(List<ChallengeTask> tasks) {
        for (Path file : written) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                log.accept("cannot remove " + file + ": " + ErrorText.of(e));
            }
        }
        written.clear();
        while (!createdDirectories.isEmpty()) {
            Path directory = createdDirectories.pop();
            try {
                Files.deleteIfExists(directory);
            } catch (DirectoryNotEmptyException e) {
                // Something else lives there now; leave it.
            } catch (IOException e) {
                log.accept("cannot remove " + directory + ": " + ErrorText.of(e));
            }
        }
    }

    private void createDirectories(Path directory) throws IOException {
        Deque<Path> missing = new ArrayDeque<>();
        for (Path current = directory; current != null && !Files.exists(current); current = current.getParent()) {
            missing.push(current);
        }
        while (!missing.isEmpty()) {
            Path next = missing.pop();
            Files.createDirectory(next);
            Files.setPosixFilePermissions(next, PosixFilePermissions.fromString("rwxr-xr-x"));
            createdDirectories.push(next);
        }
    }
}
