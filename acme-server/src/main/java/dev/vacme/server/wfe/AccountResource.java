package dev.vacme.server.wfe;

import dev.vacme.common.model.AccountUpdateRequest;
import dev.vacme.common.model.NewAccountRequest;
import dev.vacme.common.model.OrderList;
import dev.vacme.common.problem.ProblemType;
import dev.vacme.server.AcmeProblemException;
import dev.vacme.server.ra.AccountService;
import dev.vacme.server.ra.OrderService;
import dev.vacme.server.store.StoredAccount;
import dev.vacme.server.wfe.jws.VerifiedRequest;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;

/** newAccount, the account URL and the account's orders list (RFC 8555 §7.3, §7.1.2.1). */
final class AccountResource {

    private final AccountService accounts;
    private final OrderService orders;
    private final Urls urls;
    private final Views views;

    AccountResource(AccountService accounts, OrderService orders, Urls urls, Views views) {
        this.accounts = accounts;
        this.orders = orders;
        this.urls = urls;
        this.views = views;
    }

    /** POST newAccount: 201 for a new account, 200 for the key's existing one. */
    Future<Void> newAccount(RoutingContext ctx, VerifiedRequest request) {
        String clientAddress = ctx.request().remoteAddress() == null ? null
                : ctx.request().remoteAddress().hostAddress();
        return accounts.register(request.key(), request.payload(NewAccountRequest.class), request.url(), clientAddress)
                .map(registration -> {
                    StoredAccount account = registration.account();
                    Responses.json(ctx, registration.created() ? 201 : 200, urls.account(account.id()),
                            views.account(account));
                    return null;
                });
    }

    /** POST to the account URL: fetch, update contacts or deactivate. */
    Future<Void> account(RoutingContext ctx, VerifiedRequest request) {
        StoredAccount account = ownAccount(ctx, request);
        Future<StoredAccount> result = request.isPostAsGet()
                ? Future.succeededFuture(account)
                : accounts.update(account, request.payload(AccountUpdateRequest.class));
        return result.map(updated -> {
            Responses.json(ctx, 200, urls.account(updated.id()), views.account(updated));
            return null;
        });
    }

    /** POST-as-GET to the orders list, paged with {@code Link: rel="next"}. */
    Future<Void> orders(RoutingContext ctx, VerifiedRequest request) {
        StoredAccount account = ownAccount(ctx, request);
        request.requirePostAsGet();
        int page = page(ctx.request().getParam("page"));
        return orders.list(account, page).map(result -> {
            if (result.hasNext()) {
                Responses.link(ctx, urls.orders(account.id(), page + 1), "next");
            }
            Responses.json(ctx, 200, new OrderList(result.orderIds().stream()
                    .map(id -> URI.create(urls.order(id))).toList()));
            return null;
        });
    }

    /** The account in the path must be the one that signed the request. */
    private static StoredAccount ownAccount(RoutingContext ctx, VerifiedRequest request) {
        StoredAccount account = request.account();
        if (!account.id().equals(ctx.pathParam("id"))) {
            throw AcmeProblemException.of(ProblemType.UNAUTHORIZED,
                    "the request is signed by another account than the one in the URL");
        }
        return account;
    }

    private static int page(String text) {
        if (text == null) {
            return 0;
        }
        try {
            int page = Integer.parseInt(text);
            if (page >= 0) {
                return page;
            }
        } catch (NumberFormatException e) {
            // fall through to the error
        }
        throw AcmeProblemException.of(ProblemType.MALFORMED, "\"page\" must be a non-negative number");
    }
}
