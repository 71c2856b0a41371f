package dev.vacme.client.it;

import dev.vacme.client.testing.AcmeTestServer;
import dev.vacme.client.testing.VacmeServerProcess;
import java.io.IOException;
import java.nio.file.Path;

/** {@link StandaloneIssuanceCases} against Vacme's own server ({@code vacme-server.jar}). */
class VacmeStandaloneIT extends StandaloneIssuanceCases {

    @Override
    AcmeTestServer startServer(Path dir) throws IOException {
        return VacmeServerProcess.start(dir.resolve("server-data"));
    }
}
