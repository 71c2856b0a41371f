package dev.vacme.server.wfe;

import dev.vacme.server.ra.RenewalInfoService;
import io.vertx.ext.web.RoutingContext;

/** Renewal information (RFC 9773 §4): an unauthenticated GET. */
final class RenewalInfoResource {

    private final RenewalInfoService renewals;

    RenewalInfoResource(RenewalInfoService renewals) {
        this.renewals = renewals;
    }

    /** GET renewalInfo/{certID}: the suggested window with Retry-After. */
    void renewalInfo(RoutingContext ctx) {
        renewals.suggest(ctx.pathParam("id")).onSuccess(suggestion -> {
            Responses.retryAfter(ctx, suggestion.retryAfter());
            // RFC 9773 §7: renewal information is public and may be cached until clients ask again.
            ctx.response().putHeader("Cache-Control", "public, max-age=" + suggestion.retryAfter().toSeconds());
            Responses.json(ctx, 200, suggestion.info());
        }).onFailure(ctx::fail);
    }
}
