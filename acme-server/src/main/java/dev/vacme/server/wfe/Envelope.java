package dev.vacme.server.wfe;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * The headers every response carries (RFC 8555 §6.5, §7.1): a fresh {@code Replay-Nonce},
 * {@code Link: <directory>;rel="index"}, {@code Cache-Control: no-store} unless the resource set
 * its own, and CORS headers that
 * let browser-based clients read the ACME headers; CORS preflights are answered here.
 */
final class Envelope implements Handler<RoutingContext> {

    private static final String EXPOSED = "Link, Replay-Nonce, Location, Retry-After";

    private final NonceService nonces;
    private final Urls urls;

    Envelope(NonceService nonces, Urls urls) {
        this.nonces = nonces;
        this.urls = urls;
    }

    @Override
    public void handle(RoutingContext ctx) {
        ctx.addHeadersEndHandler(ignored -> {
            MultiMap headers = ctx.response().headers();
            headers.set("Replay-Nonce", nonces.issue());
            if (!headers.contains("Cache-Control")) {
                headers.set("Cache-Control", "no-store");
            }
            headers.add("Link", "<" + urls.directory() + ">;rel=\"index\"");
            headers.set("Access-Control-Allow-Origin", "*");
            headers.set("Access-Control-Expose-Headers", EXPOSED);
        });
        if (ctx.request().method() == HttpMethod.OPTIONS) {
            preflight(ctx);
            return;
        }
        ctx.next();
    }

    /** Answers a CORS preflight, so that browser-based clients can POST application/jose+json. */
    private static void preflight(RoutingContext ctx) {
        ctx.response().setStatusCode(204)
                .putHeader("Access-Control-Allow-Methods", "GET, HEAD, POST")
                .putHeader("Access-Control-Allow-Headers", "Content-Type")
                .putHeader("Access-Control-Max-Age", "86400")
                .end();
    }
}
