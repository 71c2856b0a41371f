package dev.vacme.client.challenge;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.vacme.client.ErrorText;
import dev.vacme.common.model.Challenge;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Answers http-01 (RFC 8555 §8.3) with a built-in web server, for hosts where nothing else
 * listens on the HTTP port (certbot's {@code --standalone}). It serves only
 * {@code /.well-known/acme-challenge/TOKEN} and only while the order is being validated.
 * When asked to, it answers tls-alpn-01 (RFC 8737) instead or as well, with a
 * {@link TlsAlpn01Responder} on the HTTPS port.
 */
public final class StandaloneAuthenticator implements Authenticator {

    private final String address;
    private final int port;
    private final Consumer<String> log;
    private final Map<String, String> responses = new ConcurrentHashMap<>();
    private final List<String> challengeTypes;
    private final TlsAlpn01Responder tlsAlpn;
    private HttpServer server;

    /**
     * Creates the authenticator.
     *
     * @param address the address to listen on; empty for all addresses
     * @param port    the port to listen on (80 unless the server validates elsewhere)
     * @param log     where verbose messages go
     */
    public StandaloneAuthenticator(String address, int port, Consumer<String> log) {
        this(address, port, List.of(Challenge.HTTP_01), "", 443, log);
    }

    /**
     * Creates the authenticator for http-01 and/or tls-alpn-01.
     *
     * @param address        the address http-01 is answered on; empty for all addresses
     * @param port           the port http-01 is answered on
     * @param challengeTypes {@code http-01} and/or {@code tls-alpn-01}, preferred first
     * @param tlsAlpnAddress the address tls-alpn-01 is answered on; empty for all addresses
     * @param tlsAlpnPort    the port tls-alpn-01 is answered on (443 unless the server validates elsewhere)
     * @param log            where verbose messages go
     */
    public StandaloneAuthenticator(String address, int port, List<String> challengeTypes, String tlsAlpnAddress,
            int tlsAlpnPort, Consumer<String> log) {
        this.address = address == null ? "" : address;
        this.port = port;
        this.challengeTypes = List.copyOf(challengeTypes);
        this.tlsAlpn = new TlsAlpn01Responder(tlsAlpnAddress, tlsAlpnPort, log);
        this.log = log;
    }

    @Override
    public String name() {
        return "standalone";
    }

    @Override
    public List<String> challengeTypes() {
        return challengeTypes;
    }

    @Override
    public void perform(List<ChallengeTask> tasks) {
        List<ChallengeTask> http = tasks.stream().filter(t -> Challenge.HTTP_01.equals(t.type())).toList();
        List<ChallengeTask> alpn = tasks.stream().filter(t -> Challenge.TLS_ALPN_01.equals(t.type())).toList();
        if (!alpn.isEmpty()) {
            tlsAlpn.start(alpn);
        }
        if (!http.isEmpty()) {
            serveHttp01(http);
        }
    }

    private void serveHttp01(List<ChallengeTask> tasks) {
        tasks.forEach(task -> responses.put(task.token(), task.keyAuthorization()));
        InetSocketAddress bind = address.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(address, port);
        try {
            server = HttpServer.create(bind, 16);
        } catch (BindException e) {
            throw new AuthenticatorException("cannot listen on " + describe() + " for http-01: " + ErrorText.of(e)
                    + "; is a web server running there? Use --webroot, or stop it with --pre-hook and"
                    + " start it again with --post-hook", e);
        } catch (IOException e) {
            throw new AuthenticatorException("cannot listen on " + describe() + ": " + ErrorText.of(e), e);
        }
        server.createContext("/", this::handle);
        server.start();
        log.accept("answering http-01 on " + describe() + " for " + tasks.size() + " challenge(s)");
    }

    @Override
    public void cleanup(List<ChallengeTask> tasks) {
        tasks.forEach(task -> responses.remove(task.token()));
        tlsAlpn.close();
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String prefix = "/.well-known/acme-challenge/";
            String response = path.startsWith(prefix) ? responses.get(path.substring(prefix.length())) : null;
            boolean get = "GET".equals(exchange.getRequestMethod()) || "HEAD".equals(exchange.getRequestMethod());
            if (response == null || !get) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body = response.getBytes(StandardCharsets.US_ASCII);
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            boolean head = "HEAD".equals(exchange.getRequestMethod());
            exchange.sendResponseHeaders(200, head ? -1 : body.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            log.accept("served http-01 response for " + path + " to " + exchange.getRemoteAddress());
        }
    }

    private String describe() {
        return (address.isEmpty() ? "*" : address) + ":" + port;
    }
}
