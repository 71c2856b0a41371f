package dev.vacme.client.hook;

import dev.vacme.client.ErrorText;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * certbot's hook directories: the executables in {@code CONFIG/renewal-hooks/pre/},
 * {@code deploy/} and {@code post/}, run by {@code renew} in file-name order before the hooks
 * given as options, as certbot runs them. Files that are not executable are skipped (certbot warns
 * about them; so does the verbose output here).
 *
 * @param root the {@code renewal-hooks} directory
 */
public record HookDirectories(Path root) {

    /** The kinds of hook directory. */
    public enum Kind {
        PRE("pre"),
        DEPLOY("deploy"),
        POST("post");

        private final String directory;

        Kind(String directory) {
            this.directory = directory;
        }
    }

    /** Returns the directories under a config directory. */
    public static HookDirectories under(Path configDir) {
        return new HookDirectories(configDir.resolve("renewal-hooks"));
    }

    /**
     * Returns the commands of one kind, shell-quoted paths in name order; none when the directory
     * does not exist.
     *
     * @throws HookException when the directory cannot be read
     */
    public List<String> commands(Kind kind) {
        Path directory = root.resolve(kind.directory);
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                if (Files.isRegularFile(entry) && Files.isExecutable(entry)) {
                    files.add(entry);
                }
            }
        } catch (IOException e) {
            throw new HookException("cannot list the hook directory " + directory + ": " + ErrorText.of(e), e);
        }
        files.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        return files.stream().map(file -> "'" + file.toString().replace("'", "'\\''") + "'").toList();
    }
}
