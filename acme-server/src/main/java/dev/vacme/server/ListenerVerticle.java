package dev.vacme.server;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

/**
 * One more HTTP listener on the address the {@link AcmeVerticle} already listens on, so that
 * requests are served on another event loop: Vert.x spreads the connections of servers sharing an
 * address round-robin over them, and each runs its handler on its own event loop. The handler is
 * the one shared request router, whose services are safe to call from several event loops.
 */
final class ListenerVerticle extends VerticleBase {

    private final HttpServerOptions options;
    private final Handler<HttpConnection> connectionHandler;
    private final Handler<HttpServerRequest> handler;
    private HttpServer server;

    ListenerVerticle(HttpServerOptions options, Handler<HttpConnection> connectionHandler,
            Handler<HttpServerRequest> handler) {
        this.options = options;
        this.connectionHandler = connectionHandler;
        this.handler = handler;
    }

    @Override
    public Future<?> start() {
        server = vertx.createHttpServer(options).connectionHandler(connectionHandler).requestHandler(handler);
        return server.listen();
    }

    @Override
    public Future<?> stop() {
        return server == null ? Future.succeededFuture() : server.close();
    }
}
