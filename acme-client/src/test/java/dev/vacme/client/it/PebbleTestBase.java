package dev.vacme.client.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.client.testing.CliRunner;
import dev.vacme.client.testing.CountingTransports;
import dev.vacme.client.testing.PebbleServer;
import dev.vacme.client.testing.RecordingSleeper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts one Pebble per test class and runs the {@code vacme} command line in-process against it,
 * each test in a config directory of its own. Authorization reuse is off, so every order really
 * validates.
 */
abstract class PebbleTestBase {

    static PebbleServer pebble;
    static Path pebbleDir;

    @TempDir
    Path home;

    Path config;
    CountingTransports network;
    RecordingSleeper sleeper;

    /** Extra Pebble environment for a test class. */
    static Map<String, String> pebbleEnvironment() {
        return Map.of();
    }

    static void startPebble(Map<String, String> environment) throws IOException {
        assertThat(PebbleServer.installed())
                .as("Pebble is not installed: run scripts/test (it installs the Debian package 'pebble')").isTrue();
        pebbleDir = Files.createTempDirectory("vacme-pebble");
        java.util.Map<String, String> all = new java.util.HashMap<>(environment);
        all.putIfAbsent("PEBBLE_AUTHZREUSE", "0");
        all.putIfAbsent("PEBBLE_WFE_NONCEREJECT", "0");
        pebble = PebbleServer.start(pebbleDir, all);
    }

    @BeforeAll
    static void startDefaultPebble() throws IOException {
        if (pebble == null) {
            startPebble(Map.of());
        }
    }

    @AfterAll
    static void stopPebble() throws IOException {
        if (pebble != null) {
            pebble.close();
            pebble = null;
        }
    }

    @BeforeEach
    void setUpClient() {
        config = home.resolve("vacme");
        network = new CountingTransports();
        sleeper = RecordingSleeper.realUpTo(Duration.ofSeconds(15));
    }

    /** Runs vacme with this test's config dir, Pebble as server and its certificate as CA bundle. */
    CliRunner.Result vacme(String... args) {
        List<String> all = new ArrayList<>(List.of("--config-dir", config.toString(), "--ca-bundle",
                pebble.caBundle().toString(), "--server", pebble.directoryUrl().toString(), "-n"));
        all.addAll(List.of(args));
        return cli().run(all.toArray(String[]::new));
    }

    /** Returns a runner for this test's home, network and sleeper (not on a terminal). */
    CliRunner cli() {
        return new CliRunner(home).transports(network).sleeper(sleeper);
    }

    /** The standalone authenticator options that make Pebble reach the built-in responder. */
    static String[] standalone() {
        return new String[] {"--standalone", "--http-01-address", "127.0.0.1", "--http-01-port",
            Integer.toString(pebble.httpPort())};
    }

    /** Concatenates argument arrays. */
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

    Path live(String name) {
        return config.resolve("live").resolve(name);
    }
}
