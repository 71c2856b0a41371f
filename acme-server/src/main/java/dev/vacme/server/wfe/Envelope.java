package dev.vacme.server.wfe;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * The headers every response carries (RFC 8555 §6.5, §7.1): a fresh {@code Replay-Nonce},
 * {@code Link: <directory>;rel="index"}, {@code Cache-Control: no-store}, and CORS headers that
 * let browser-based clients read the ACME headers.
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
            headers.set("Cache-Control", "no-store");
            headers.add("Link", "<" + urls.directory() + ">;rel=\"index\"");
            headers.set("Access-Control-Allow-Origin", "*");
            headers.set("Access-Control-Expose-Headers", EXPOSED);
        });
        ctx.next();
    }
}
