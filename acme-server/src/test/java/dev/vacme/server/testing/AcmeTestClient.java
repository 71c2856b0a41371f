package dev.vacme.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vacme.common.json.AcmeJson;
import dev.vacme.common.jws.FlattenedJws;
import dev.vacme.common.jws.JwsSigner;
import dev.vacme.common.model.Directory;
import dev.vacme.common.problem.Problem;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A deliberately small ACME client for server tests: it signs exactly what a test asks for, so
 * tests can also send what a real client never would.
 */
public final class AcmeTestClient {

    /** At most this many nonces are kept for reuse. */
    private static final int MAX_SAVED_NONCES = 1000;

    private final HttpClient http;
    private final SSLContext sslContext;
    private final String directoryUrl;
    private final Queue<String> savedNonces = new ConcurrentLinkedQueue<>();
    private volatile boolean reuseNonces;
    private Directory directory;

    /** Creates a client trusting only the server's root. */
    public AcmeTestClient(String directoryUrl, X509Certificate root) {
        this.directoryUrl = directoryUrl;
        this.sslContext = trusting(root);
        this.http = HttpClient.newBuilder().sslContext(sslContext).connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** An HTTP response. */
    public record Response(int status, HttpHeaders headers, String body) {

        /** Returns the body as JSON. */
        public JsonNode json() {
            return AcmeJson.readTree(body.getBytes(StandardCharsets.UTF_8));
        }

        /** Returns the body as the given type. */
        public <T> T as(Class<T> type) {
            return AcmeJson.read(body, type);
        }

        /** Returns the body as a problem document. */
        public Problem problem() {
            return as(Problem.class);
        }

        /** Returns a header, or null. */
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        /** Returns every value of a header. */
        public List<String> headerValues(String name) {
            return headers.allValues(name);
        }

        /** Returns the Location header. */
        public String location() {
            return header("Location");
        }
    }

    /** Returns the directory, fetched once. */
    public Directory directory() {
        if (directory == null) {
            directory = get(directoryUrl).as(Directory.class);
        }
        return directory;
    }

    /**
     * From now on, signs each request with the nonce of an earlier response when there is one, as
     * real clients do (RFC 8555 §6.5), instead of asking newNonce before every request; the
     * benchmarks' load does this.
     */
    public AcmeTestClient reuseNonces() {
        reuseNonces = true;
        return this;
    }

    /** Returns a fresh nonce: one saved from an earlier response when reusing them, else from newNonce (HEAD). */
    public String nonce() {
        String saved = reuseNonces ? savedNonces.poll() : null;
        if (saved != null) {
            return saved;
        }
        Response response = send(HttpRequest.newBuilder(URI.create(directory().newNonce().toString()))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        return response.header("Replay-Nonce");
    }

    /** Sends a request without a body with any method, e.g. HEAD or OPTIONS. */
    public Response send(String method, String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    /**
     * Sends a request line exactly as given over a raw TLS connection, for URIs that
     * {@link java.net.URI} refuses to build; returns the status line and headers, not parsed.
     */
    public String sendRaw(String host, int port, String requestTarget) {
        try (javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) sslContext.getSocketFactory()
                .createSocket(host, port)) {
            socket.getOutputStream().write(("GET " + requestTarget + " HTTP/1.1\r\nHost: " + host + "\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("raw request failed", e);
        }
    }

    /** Sends a GET with one extra header, e.g. an oversized one. */
    public Response getWithHeader(String url, String name, String value) {
        return send(HttpRequest.newBuilder(URI.create(url)).header(name, value).GET().build());
    }

    /** Sends a GET. */
    public Response get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET().build());
    }

    /** POSTs a JWS signed with {@code jwk}, with a fresh nonce; payload null means POST-as-GET. */
    public Response postWithJwk(String url, KeyPair key, Object payload) {
        return postJws(url, JwsSigner.signWithJwk(key, nonce(), url, bytes(payload)));
    }

    /** POSTs a JWS signed with {@code kid}, with a fresh nonce; payload null means POST-as-GET. */
    public Response postWithKid(String url, KeyPair key, String kid, Object payload) {
        return postJws(url, JwsSigner.signWithKid(key, kid, nonce(), url, bytes(payload)));
    }

    /** POSTs a prepared JWS. */
    public Response postJws(String url, FlattenedJws jws) {
        return postRaw(url, "application/jose+json", jws.toJson());
    }

    /** POSTs any body with any content type. */
    public Response postRaw(String url, String contentType, String body) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** Returns the payload bytes of a request: JSON, raw bytes for a byte[], empty for null. */
    public static byte[] bytes(Object payload) {
        if (payload == null) {
            return new byte[0];
        }
        if (payload instanceof byte[] raw) {
            return raw;
        }
        if (payload instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        return AcmeJson.writeBytes(payload);
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (reuseNonces && !request.method().equals("HEAD") && savedNonces.size() < MAX_SAVED_NONCES) {
                response.headers().firstValue("Replay-Nonce").ifPresent(savedNonces::add);
            }
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException("request to " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static SSLContext trusting(X509Certificate root) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            store.setCertificateEntry("vacme-root", root);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException("cannot build a trust store", e);
        }
    }
}
