package dev.vacme.client.it;

import dev.vacme.client.testing.AcmeTestServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** {@link WebrootIssuanceCases} against Pebble. */
class PebbleWebrootIT extends WebrootIssuanceCases {

    @Override
    AcmeTestServer startServer(Path dir) throws IOException {
        return PebbleServers.start(dir, Map.of());
    }
}
