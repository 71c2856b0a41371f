package dev.vacme.server.va;

import dev.vacme.common.pki.KeyType;
import dev.vacme.common.pki.Pem;
import dev.vacme.common.testing.TestCertificates;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.PemKeyCertOptions;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A web server standing in for the holder of an identifier: answers HTTP-01 requests per path,
 * records what it was asked, and answers 404 for paths it does not know.
 */
final class ChallengeResponder implements AutoCloseable {

    /** One request as the responder saw it. */
    record Seen(String path, String host, String userAgent, String sni, String localAddress) {
    }

    private final HttpServer server;
    private final Map<String, Handler<HttpServerRequest>> routes = new ConcurrentHashMap<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    private ChallengeResponder(Vertx vertx, HttpServerOptions options) {
        this.server = vertx.createHttpServer(options).requestHandler(this::handle);
    }

    /** Starts a plain HTTP responder. */
    static ChallengeResponder start(Vertx vertx, String host, int port) throws Exception {
        ChallengeResponder responder = new ChallengeResponder(vertx, new HttpServerOptions());
        Await.result(responder.server.listen(port, host));
        return responder;
    }

    /** Starts an HTTPS responder with a self-signed certificate that matches no validated name. */
    static ChallengeResponder startTls(Vertx vertx, String host, int port) throws Exception {
        KeyPair keys = KeyType.EC_P256.generate();
        X509Certificate certificate = TestCertificates.selfSigned(keys, "unrelated.example");
        HttpServerOptions options = new HttpServerOptions().setSsl(true).setSni(true)
                .setKeyCertOptions(new PemKeyCertOptions()
                        .setKeyValue(Buffer.buffer(Pem.encodePrivateKey(keys.getPrivate())))
                        .setCertValue(Buffer.buffer(Pem.encodeCertificate(certificate))));
        ChallengeResponder responder = new ChallengeResponder(vertx, options);
        Await.result(responder.server.listen(port, host));
        return responder;
    }

    int port() {
        return server.actualPort();
    }

    /** Handles requests for the path. */
    void on(String path, Handler<HttpServerRequest> handler) {
        routes.put(path, handler);
    }

    /** Answers requests for the path with a status and a body. */
    void answer(String path, int status, String body) {
        on(path, request -> request.response().setStatusCode(status).end(body));
    }

    /** Answers requests for the path with a redirect. */
    void redirect(String path, int status, String location) {
        on(path, request -> request.response().setStatusCode(status).putHeader("Location", location).end());
    }

    /** Returns the requests seen for the path. */
    List<Seen> seen(String path) {
        return seen.stream().filter(s -> s.path().equals(path)).toList();
    }

    @Override
    public void close() throws Exception {
        Await.result(server.close());
    }

    private void handle(HttpServerRequest request) {
        seen.add(new Seen(request.path(), request.getHeader("Host"), request.getHeader("User-Agent"),
                request.connection().indicatedServerName(), request.connection().localAddress().host()));
        routes.getOrDefault(request.path(), r -> r.response().setStatusCode(404).end("no such challenge"))
                .handle(request);
    }
}
