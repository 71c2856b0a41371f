package dev.vacme.server.wfe;

import dev.vacme.common.model.Directory;
import dev.vacme.common.model.DirectoryMeta;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.Optional;

/** The directory (RFC 8555 §7.1.1, RFC 9773 §3) and newNonce (RFC 8555 §7.2). */
final class DirectoryResource {

    private final Directory directory;

    DirectoryResource(Urls urls, Optional<URI> termsOfService) {
        this.directory = new Directory(URI.create(urls.newNonce()), URI.create(urls.newAccount()),
                URI.create(urls.newOrder()), null, URI.create(urls.revokeCert()), URI.create(urls.keyChange()),
                URI.create(urls.renewalInfo()),
                new DirectoryMeta(termsOfService.orElse(null), null, null, false, null));
    }

    /** GET directory. */
    void directory(RoutingContext ctx) {
        Responses.json(ctx, 200, directory);
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
