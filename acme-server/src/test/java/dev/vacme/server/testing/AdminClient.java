package dev.vacme.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Plain-HTTP GETs to a server's admin listener (health checks, metrics). */
public final class AdminClient {

    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;

    /** A client for the admin listener on 127.0.0.1:{@code port}. */
    public AdminClient(int port) {
        this.port = port;
    }

    /** GETs {@code path} and returns the response. */
    public HttpResponse<String> get(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
