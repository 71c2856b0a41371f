package dev.vacme.client.acme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JdkTransportTest {

    private HttpServer server;
    private final Map<String, String> seen = new ConcurrentHashMap<>();
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        server.createContext("/echo", exchange -> {
            try (exchange) {
                seen.put("method", exchange.getRequestMethod());
                seen.put("user-agent", exchange.getRequestHeaders().getFirst("User-Agent"));
                seen.put("accept", String.valueOf(exchange.getRequestHeaders().getFirst("Accept")));
                seen.put("accept-language", exchange.getRequestHeaders().getFirst("Accept-Language"));
                seen.put("content-type", String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")));
                seen.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Replay-Nonce", "abc");
                exchange.getResponseHeaders().add("Location", "/order/1");
                exchange.sendResponseHeaders(201, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        server.createContext("/redirect", exchange -> {
            try (exchange) {
                exchange.getResponseHeaders().add("Location", "/echo");
                exchange.sendResponseHeaders(302, -1);
            }
        });
        server.createContext("/hang", exchange -> {
            try (exchange) {
                release.await(30, TimeUnit.SECONDS);
                exchange.sendResponseHeaders(500, -1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    @AfterEach
    void stopServer() {
        release.countDown();
        server.stop(0);
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private JdkTransport transport(Duration requestTimeout) {
        return new JdkTransport(new TransportSettings(List.of(), Duration.ofSeconds(5), requestTimeout,
                "vacme/9.9.9 Java/17"));
    }

    @Test
    void sendsTheUserAgentAndJoseBodiesAndKeepsHeaders() {
        AcmeResponse response = transport(Duration.ofSeconds(10)).send(AcmeRequest.post(url("/echo"), "{\"a\":1}",
                "application/pem-certificate-chain"));

        assertThat(seen).containsEntry("method", "POST")
                .containsEntry("user-agent", "vacme/9.9.9 Java/17")
                .containsEntry("accept", "application/pem-certificate-chain")
                .containsEntry("accept-language", "en")
                .containsEntry("content-type", "application/jose+json")
                .containsEntry("body", "{\"a\":1}");
        assertThat(response.status()).isEqualTo(201);
        assertThat(response.nonce()).contains("abc");
        assertThat(response.location()).contains(url("/order/1"));
        assertThat(response.text()).isEqualTo("{\"ok\":true}");
    }

    @Test
    void doesNotFollowRedirects() {
        AcmeResponse response = transport(Duration.ofSeconds(10)).send(AcmeRequest.get(url("/redirect")));

        assertThat(response.status()).isEqualTo(302);
        assertThat(seen).isEmpty();
    }

    @Test
    void givesUpOnARequestThatTakesTooLong() {
        assertThatThrownBy(() -> transport(Duration.ofMillis(300)).send(AcmeRequest.get(url("/hang"))))
                .isInstanceOf(AcmeNetworkException.class)
                .hasMessage("GET " + url("/hang") + " timed out after 300 ms");
    }

    @Test
    void reportsAServerThatCannotBeReached() throws IOException {
        int port;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        URI closed = URI.create("http://127.0.0.1:" + port + "/dir");

        assertThatThrownBy(() -> transport(Duration.ofSeconds(5)).send(AcmeRequest.get(closed)))
                .isInstanceOf(AcmeNetworkException.class)
                .hasMessageStartingWith("cannot reach " + closed + ": ");
    }
}
