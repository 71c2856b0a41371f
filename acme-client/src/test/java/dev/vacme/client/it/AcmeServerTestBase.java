package dev.vacme.client.it;

import dev.vacme.client.testing.AcmeTestServer;
import dev.vacme.client.testing.CliRunner;
import dev.vacme.client.testing.CountingTransports;
import dev.vacme.client.testing.RecordingSleeper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * Starts one ACME server per test class (Pebble or Vacme's own, as the subclass says) and runs the
 * {@code vacme} command line in-process against it, each test in a home and config directory of
 * its own. The server is stopped, and its files removed, after the class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AcmeServerTestBase {

    AcmeTestServer server;
    Path serverDir;
    Path home;
    Path config;
    CountingTransports network;
    RecordingSleeper sleeper;

    /** Starts the server the tests of this class run against. */
    abstract AcmeTestServer startServer(Path dir) throws IOException;

    @BeforeAll
    void startTheServer() throws IOException {
        serverDir = Files.createTempDirectory("vacme-it");
        server = startServer(serverDir);
    }

    @AfterAll
    void stopTheServer() throws IOException {
        if (server != null) {
            server.close();
        }
        try (Stream<Path> files = Files.walk(serverDir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    @BeforeEach
    void setUpClient() throws IOException {
        home = Files.createTempDirectory(serverDir, "home");
        config = home.resolve("vacme");
        network = new CountingTransports();
        sleeper = RecordingSleeper.realUpTo(Duration.ofSeconds(15));
    }

    /** Runs vacme with this test's config dir, the server and its CA bundle, non-interactively. */
    CliRunner.Result vacme(String... args) {
        return cli().run(withServer(args));
    }

    /** Prefixes arguments with the config dir, CA bundle, server and {@code -n}. */
    String[] withServer(String... args) {
        List<String> all = new ArrayList<>(List.of("--config-dir", config.toString(), "--ca-bundle",
                server.caBundle().toString(), "--server", server.directoryUrl().toString(), "-n"));
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }

    /** Returns a runner for this test's home, network and sleeper (not on a terminal). */
    CliRunner cli() {
        return new CliRunner(home).transports(network).sleeper(sleeper);
    }

    /** The standalone authenticator options that make the server reach the built-in responder. */
    String[] standalone() {
        return new String[] {"--standalone", "--http-01-address", "127.0.0.1", "--http-01-port",
            Integer.toString(server.httpPort())};
    }

    /** Concatenates arguments and argument arrays. */
    static String[] args(Object... parts) {
        List<String> all = new ArrayList<>();
        for (Object part : parts) {
            if (part instanceof String[] array) {
                all.addAll(List.of(array));
            } else {
                all.add(part.toString());
            }
        }
        return all.toArray(String[]::new);
    }

    /** Returns {@code live/NAME} of this test's config dir. */
    Path live(String name) {
        return config.resolve("live").resolve(name);
    }
}
