package dev.vacme.server.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A tiny HTTP-01 responder on 127.0.0.1 and a free port, as a web server answering challenges would. */
public final class Http01Responder implements AutoCloseable {

    private static final String PREFIX = "/.well-known/acme-challenge/";

    private final HttpServer server;
    private final Map<String, String> answers = new ConcurrentHashMap<>();

    /** Starts the responder. */
    public Http01Responder() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String answer = path.startsWith(PREFIX) ? answers.get(path.substring(PREFIX.length())) : null;
            byte[] body = (answer == null ? "not found" : answer).getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(answer == null ? 404 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    /** Returns the port. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Answers {@code token} with {@code keyAuthorization}. */
    public void answer(String token, String keyAuthorization) {
        answers.put(token, keyAuthorization);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
