package dev.vacme.server.wfe;

import dev.vacme.common.model.FinalizeRequest;
import dev.vacme.common.model.NewOrderRequest;
import dev.vacme.common.model.OrderStatus;
import dev.vacme.server.ra.IssuanceService;
import dev.vacme.server.ra.OrderService;
import dev.vacme.server.wfe.jws.VerifiedRequest;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/** newOrder, the order URL and finalize (RFC 8555 §7.4). */
final class OrderResource {

    private final OrderService orders;
    private final IssuanceService issuance;
    private final Urls urls;
    private final Views views;

    OrderResource(OrderService orders, IssuanceService issuance, Urls urls, Views views) {
        this.orders = orders;
        this.issuance = issuance;
        this.urls = urls;
        this.views = views;
    }

    /** POST newOrder: 201 with the order. */
    Future<Void> newOrder(RoutingContext ctx, VerifiedRequest request) {
        return orders.create(request.account(), request.payload(NewOrderRequest.class)).map(snapshot -> {
            Responses.json(ctx, 201, urls.order(snapshot.order().id()), views.order(snapshot));
            return null;
        });
    }

    /** POST-as-GET the order. */
    Future<Void> order(RoutingContext ctx, VerifiedRequest request) {
        request.requirePostAsGet();
        return orders.get(request.account(), ctx.pathParam("id")).map(snapshot -> {
            if (snapshot.status() == OrderStatus.PROCESSING) {
                Responses.retryAfter(ctx, Responses.POLL_INTERVAL);
            }
            Responses.json(ctx, 200, views.order(snapshot));
            return null;
        });
    }

    /** POST finalize with the CSR: 200 with the (valid) order. */
    Future<Void> finalizeOrder(RoutingContext ctx, VerifiedRequest request) {
        String id = ctx.pathParam("id");
        return issuance.finalizeOrder(request.account(), id, request.payload(FinalizeRequest.class)).map(snapshot -> {
            Responses.json(ctx, 200, urls.order(id), views.order(snapshot));
            return null;
        });
    }
}
