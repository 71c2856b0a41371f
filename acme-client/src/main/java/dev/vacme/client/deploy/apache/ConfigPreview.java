package dev.vacme.client.deploy.apache;

import dev.vacme.client.ErrorText;
import dev.vacme.client.deploy.DeployException.Step;
import dev.vacme.client.deploy.DeployException;
import dev.vacme.client.hook.HookException;
import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The configuration test of a dry run: copies the server root into a scratch directory (links
 * followed, so nothing written there reaches the real files), applies the edits to the copy and
 * runs {@code CTL -t -d COPY -f COPY/MAIN}. Paths the configuration names absolutely still read
 * the real files; edits outside the server root are described but not tested.
 */
final class ConfigPreview {

    /** Deeper trees are not configuration directories. */
    private static final int MAX_DEPTH = 16;

    private final Path serverRoot;
    private final ApacheControl control;

    ConfigPreview(Path serverRoot, ApacheControl control) {
        this.serverRoot = serverRoot.toAbsolutePath().normalize();
        this.control = control;
    }

    /**
     * Tests the edited copy.
     *
     * @throws DeployException with the test's output when it fails
     */
    void test(ConfigEdits edits, Path scratch) {
        Path copy = scratch.resolve("apache");
        try {
            copyTree(copy);
            for (Map.Entry<Path, String> entry : edits.render().entrySet()) {
                Path file = entry.getKey().toAbsolutePath().normalize();
                if (file.startsWith(serverRoot)) {
                    Files.write(copy.resolve(serverRoot.relativize(file)), ConfigCharset.encode(file,
                            entry.getValue()));
                }
            }
            for (Map.Entry<Path, Path> link : edits.links().entrySet()) {
                Path target = link.getKey().resolveSibling(link.getValue()).normalize();
                Files.copy(target, copy.resolve(serverRoot.relativize(link.getKey().toAbsolutePath().normalize())));
            }
        } catch (IOException e) {
            throw new DeployException(Step.CONFIG_TEST, "cannot copy Apache's configuration to test the changes: "
                    + ErrorText.of(e), e);
        }
        Path main = copy.resolve(serverRoot.relativize(ApacheConfig.mainFile(serverRoot)));
        try {
            pointServerRootAtCopy(main, copy);
        } catch (IOException e) {
            throw new DeployException(Step.CONFIG_TEST, "cannot prepare the copy of Apache's configuration: "
                    + ErrorText.of(e), e);
        }
        try {
            ApacheControl.Outcome outcome = control.configTest(copy, main);
            if (!outcome.ok()) {
                throw new DeployException(Step.CONFIG_TEST, outcome.failure());
            }
        } catch (HookException e) {
            throw new DeployException(Step.CONFIG_TEST, ErrorText.of(e), e);
        }
    }

    /** A {@code ServerRoot} directive would send the copy's relative includes back to the real files. */
    private static void pointServerRootAtCopy(Path main, Path copy) throws IOException {
        ConfigFile file = ConfigFile.parse(main, ConfigCharset.read(main));
        ConfigEdits edits = new ConfigEdits();
        for (ConfigNode node : file.nodes()) {
            if (node instanceof Directive d && d.is("ServerRoot")) {
                edits.replace(d, List.of("ServerRoot " + ConfigWords.quote(copy.toString())), "use the copy");
            }
        }
        for (Map.Entry<Path, String> entry : edits.render().entrySet()) {
            Files.write(entry.getKey(), ConfigCharset.encode(entry.getKey(), entry.getValue()));
        }
    }

    private void copyTree(Path copy) throws IOException {
        try (Stream<Path> walk = Files.walk(serverRoot, MAX_DEPTH, FileVisitOption.FOLLOW_LINKS)) {
            for (Path source : walk.toList()) {
                Path target = copy.resolve(serverRoot.relativize(source));
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else if (Files.isRegularFile(source)) {
                    Files.copy(source, target);
                }
            }
        }
    }
}
