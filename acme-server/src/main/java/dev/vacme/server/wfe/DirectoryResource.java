package dev.vacme.server.wfe;

import dev.vacme.common.model.Directory;
import dev.vacme.common.model.DirectoryMeta;
import dev.vacme.server.wfe.jws.VerifiedRequest;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;

/** The directory (RFC 8555 §7.1.1, RFC 9773 §3) and newNonce (RFC 8555 §7.2). */
final class DirectoryResource {

    private final Directory directory;

    DirectoryResource(Urls urls, DirectoryMeta meta) {
        this.directory = new Directory(URI.create(urls.newNonce()), URI.create(urls.newAccount()),
                URI.create(urls.newOrder()), null, URI.create(urls.revokeCert()), URI.create(urls.keyChange()),
                URI.create(urls.renewalInfo()),
                meta);
    }

    /** GET directory. */
    void directory(RoutingContext ctx) {
        Responses.json(ctx, 200, directory);
    }

    /** HEAD directory: the headers of GET without the body. */
    void headDirectory(RoutingContext ctx) {
        ctx.response().setStatusCode(200).putHeader("Content-Type", Responses.JSON).end();
    }

    /** POST-as-GET directory, which RFC 8555 §6.3 requires besides GET. */
    Future<Void> postDirectory(RoutingContext ctx, VerifiedRequest request) {
        request.requirePostAsGet();
        directory(ctx);
        return Future.succeededFuture();
    }

    /** POST-as-GET newNonce (RFC 8555 §6.3): 200 with a fresh nonce in the envelope. */
    Future<Void> postNonce(RoutingContext ctx, VerifiedRequest request) {
        request.requirePostAsGet();
        headNonce(ctx);
        return Future.succeededFuture();
    }

    /** HEAD newNonce: 200 with the nonce in the envelope's Replay-Nonce (RFC 8555 §7.2). */
    void headNonce(RoutingContext ctx) {
        ctx.response().setStatusCode(200).end();
    }

    /** GET newNonce: 204 with the nonce in the envelope's Replay-Nonce (RFC 8555 §7.2). */
    void getNonce(RoutingContext ctx) {
        ctx.response().setStatusCode(204).end();
    }
}
