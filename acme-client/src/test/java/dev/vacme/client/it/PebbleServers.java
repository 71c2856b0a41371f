package dev.vacme.client.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.client.testing.PebbleServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** How the Pebble test classes start Pebble: authorization reuse and nonce rejection off unless asked. */
final class PebbleServers {

    private PebbleServers() {
    }

    static PebbleServer start(Path dir, Map<String, String> environment) throws IOException {
        return start(dir, environment, Map.of());
    }

    static PebbleServer start(Path dir, Map<String, String> environment, Map<String, Object> settings)
            throws IOException {
        assertThat(PebbleServer.installed())
                .as("Pebble is not installed: run scripts/test (it installs the Debian package 'pebble')").isTrue();
        Map<String, String> all = new HashMap<>(environment);
        all.putIfAbsent("PEBBLE_AUTHZREUSE", "0");
        all.putIfAbsent("PEBBLE_WFE_NONCEREJECT", "0");
        return PebbleServer.start(dir, all, settings);
    }
}
