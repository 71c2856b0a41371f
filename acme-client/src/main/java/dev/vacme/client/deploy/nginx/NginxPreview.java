package dev.vacme.client.deploy.nginx;

import dev.vacme.client.ErrorText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Tests planned edits without touching the real configuration ({@code --dry-run}): the server
 * root is copied below a scratch directory, the edits are applied to the copies, and nginx's
 * config test runs on the copied {@code nginx.conf}. Relative includes then resolve inside the
 * copy; files outside the server root (absolute includes) are tested as they are, unedited.
 */
final class NginxPreview {

    private final NginxSettings settings;
    private final NginxControl control;

    NginxPreview(NginxSettings settings, NginxControl control) {
        this.settings = settings;
        this.control = control;
    }

    /**
     * Copies, edits and tests.
     *
     * @throws NginxException when the copy cannot be made or does not pass the config test
     */
    void test(NginxPlan plan, Path scratch) {
        Path root = settings.serverRoot();
        Path copy = scratch.resolve("nginx");
        try {
            copyTree(root, copy);
            for (Path file : plan.edits().edits().files()) {
                Path normalized = file.toAbsolutePath().normalize();
                if (normalized.startsWith(root)) {
                    Files.writeString(copy.resolve(root.relativize(normalized)), plan.edits().edits()
                            .apply(file, plan.config().file(file).text()), StandardCharsets.UTF_8);
                }
            }
        } catch (IOException e) {
            throw new NginxException("cannot copy the nginx configuration for a dry run: " + ErrorText.of(e), e);
        }
        control.configTest(copy.resolve(settings.configFile().getFileName()));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        List<Path> entries;
        try (Stream<Path> walk = Files.walk(from)) {
            entries = walk.toList();
        }
        for (Path entry : entries) {
            Path target = to.resolve(from.relativize(entry).toString());
            if (Files.isDirectory(entry)) {
                Files.createDirectories(target);
            } else if (Files.isRegularFile(entry)) {
                Files.createDirectories(target.getParent());
                Files.copy(entry, target);
            }
        }
    }
}
