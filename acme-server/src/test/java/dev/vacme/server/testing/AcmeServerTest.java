package dev.vacme.server.testing;

import dev.vacme.common.pki.KeyType;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of the protocol tests: one server per test class on the embedded store in a temporary
 * directory, with an HTTP-01 responder it validates against, and a client trusting its root.
 */
public abstract class AcmeServerTest {

    @TempDir
    static Path dataDir;

    protected static Http01Responder responder;
    protected static TestServer server;
    protected static AcmeTestClient client;

    @BeforeAll
    static void startServer() {
        responder = new Http01Responder();
        server = TestServer.start(dataDir, responder.port());
        client = server.client();
    }

    @AfterAll
    static void stopServer() {
        server.close();
        responder.close();
    }

    /** Registers a fresh account with an EC P-256 key. */
    protected static AcmeFlow newAccount() {
        return new AcmeFlow(client, responder, KeyType.EC_P256.generate()).register();
    }
}
