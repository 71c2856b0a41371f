package dev.vacme.server.wfe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.server.testing.Http01Responder;
import dev.vacme.server.testing.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The listener's connection caps and idle timeout (--max-connections-per-address, --idle-timeout):
 * one client address cannot hold more connections than its cap, a connection over the cap is
 * closed at once, a freed slot can be used again, and an idle connection is closed.
 */
class ConnectionLimitsTest {

    private static final int PER_ADDRESS = 3;

    @TempDir
    static Path dataDir;

    private static Http01Responder responder;
    private static TestServer server;

    @BeforeAll
    static void start() {
        responder = new Http01Responder();
        server = TestServer.start(dataDir, responder.port(),
                Map.of("max-connections-per-address", PER_ADDRESS, "idle-timeout", "2s"));
    }

    @AfterAll
    static void stop() {
        server.close();
        responder.close();
    }

    @Test
    void aConnectionOverTheAddressCapIsClosedAndAFreedSlotServesAgain() throws Exception {
        List<SSLSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < PER_ADDRESS; i++) {
                held.add(connect());
            }
            try (SSLSocket refused = connect()) {
                assertThat(readUntilClosed(refused)).as("the server closes the connection over the cap").isTrue();
            }
            held.remove(0).close();

            try (SSLSocket again = connect()) {
                again.getOutputStream().write(("GET /directory HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes());
                byte[] start = again.getInputStream().readNBytes(12);
                assertThat(new String(start)).isEqualTo("HTTP/1.1 200");
            }
        } finally {
            for (SSLSocket socket : held) {
                socket.close();
            }
        }
    }

    @Test
    void anIdleConnectionIsClosed() throws Exception {
        try (SSLSocket idle = connect()) {
            long started = System.nanoTime();

            assertThat(readUntilClosed(idle)).isTrue();
            assertThat((System.nanoTime() - started) / 1_000_000).as("closed after about the idle timeout")
                    .isBetween(1_000L, 9_000L);
        }
    }

    /** Opens a TLS connection and completes the handshake, as a client that then sends nothing. */
    private static SSLSocket connect() throws Exception {
        URI base = URI.create(server.baseUrl());
        SSLSocket socket = (SSLSocket) trusting().getSocketFactory()
                .createSocket(InetAddress.getLoopbackAddress(), base.getPort());
        socket.setSoTimeout(10_000);
        socket.startHandshake();
        return socket;
    }

    /** Returns true when the server closed the connection (end of stream or reset) within the socket timeout. */
    private static boolean readUntilClosed(SSLSocket socket) {
        try {
            InputStream in = socket.getInputStream();
            return in.read() == -1;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private static SSLContext trusting() throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry("root", server.root());
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
