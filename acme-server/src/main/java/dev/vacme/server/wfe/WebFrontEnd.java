package dev.vacme.server.wfe;

import dev.vacme.common.problem.ProblemType;
import dev.vacme.server.AcmeProblemException;
import dev.vacme.server.metrics.ServerMetrics;
import dev.vacme.server.ra.RegistrationAuthority;
import dev.vacme.server.wfe.jws.JwsVerifier;
import dev.vacme.server.wfe.jws.KeyMode;
import dev.vacme.server.wfe.jws.VerifiedRequest;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import dev.vacme.common.model.DirectoryMeta;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;

/** The web front end: the one place that lists every route of the ACME server. */
public final class WebFrontEnd {

    /** The largest request body accepted; a CSR or certificate of a 4096-bit key fits many times. */
    static final long MAX_BODY_BYTES = 64 * 1024;

    private final Urls urls;
    private final NonceService nonces;
    private final JwsVerifier verifier;
    private final RegistrationAuthority ra;
    private final DirectoryMeta meta;
    private final ServerMetrics metrics;

    /**
     * Creates the front end over the registration authority's services, counting requests into {@code metrics}.
     *
     * @param meta the directory's {@code meta} object: terms, profiles, whether EAB is required
     */
    public WebFrontEnd(Urls urls, NonceService nonces, RegistrationAuthority ra, DirectoryMeta meta,
            ServerMetrics metrics) {
        this.metrics = metrics;
        this.urls = urls;
        this.nonces = nonces;
        this.verifier = new JwsVerifier(urls, nonces, ra.accounts()::find);
        this.ra = ra;
        this.meta = meta;
    }

    /** Builds the router. */
    public Router router(Vertx vertx) {
        Views views = new Views(urls);
        DirectoryResource directory = new DirectoryResource(urls, meta);
        AccountResource accounts = new AccountResource(ra.accounts(), ra.orders(), urls, views);
        OrderResource orders = new OrderResource(ra.orders(), ra.issuance(), urls, views);
        AuthorizationResource authorizations = new AuthorizationResource(ra.authorizations(), urls, views);
        CertificateResource certificates = new CertificateResource(ra.certificates(), ra.revocations(), urls);
        KeyChangeResource keyChange = new KeyChangeResource(ra.accounts(), verifier, urls, views);
        RenewalInfoResource renewalInfo = new RenewalInfoResource(ra.renewals());

        Router router = Router.router(vertx);
        router.route().handler(new RequestLog(metrics));
        router.route().handler(new Envelope(nonces, urls));
        router.route().handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));

        router.get(Urls.DIRECTORY).handler(directory::directory);
        router.head(Urls.DIRECTORY).handler(directory::headDirectory);
        router.post(Urls.DIRECTORY).handler(post(KeyMode.JWK_OR_KID, directory::postDirectory));
        router.head(Urls.NEW_NONCE).handler(directory::headNonce);
        router.get(Urls.NEW_NONCE).handler(directory::getNonce);
        router.post(Urls.NEW_NONCE).handler(post(KeyMode.JWK_OR_KID, directory::postNonce));
        router.post(Urls.NEW_ACCOUNT).handler(post(KeyMode.JWK, accounts::newAccount));
        router.post(Urls.ACCOUNT + ":id").handler(post(KeyMode.KID, accounts::account));
        router.post(Urls.ACCOUNT + ":id/orders").handler(post(KeyMode.KID, accounts::orders));
        router.post(Urls.NEW_ORDER).handler(post(KeyMode.KID, orders::newOrder));
        router.post(Urls.ORDER + ":id").handler(post(KeyMode.KID, orders::order));
        router.post(Urls.ORDER + ":id/finalize").handler(post(KeyMode.KID, orders::finalizeOrder));
        router.post(Urls.AUTHORIZATION + ":id").handler(post(KeyMode.KID, authorizations::authorization));
        router.post(Urls.CHALLENGE + ":authz/:chall").handler(post(KeyMode.KID, authorizations::challenge));
        router.post(Urls.CERTIFICATE + ":serial").handler(post(KeyMode.KID, certificates::certificate));
        router.post(Urls.CERTIFICATE + ":serial/:alternate").handler(post(KeyMode.KID, certificates::certificate));
        router.post(Urls.REVOKE_CERT).handler(post(KeyMode.JWK_OR_KID, certificates::revoke));
        router.post(Urls.KEY_CHANGE).handler(post(KeyMode.KID, keyChange::keyChange));
        router.get(Urls.RENEWAL_INFO + "/:id").handler(renewalInfo::renewalInfo);

        tagRouteTemplates(router);

        FailureHandler failures = new FailureHandler();
        router.route().failureHandler(failures);
        router.errorHandler(400, ctx -> Responses.problem(ctx, FailureHandler.forStatus(ctx)));
        router.errorHandler(404, ctx -> Responses.problem(ctx, FailureHandler.forStatus(ctx)));
        router.errorHandler(405, ctx -> {
            ctx.response().putHeader("Allow", allowedMethods(ctx.request().path()));
            Responses.problem(ctx, FailureHandler.forStatus(ctx));
        });
        return router;
    }

    /**
     * Puts the template of the route a request matches (e.g. {@code /acme/order/:id}) into the
     * request's context before any other handler runs, for metrics labels that do not grow with
     * the number of orders.
     */
    private static void tagRouteTemplates(Router router) {
        Set<String> templates = new LinkedHashSet<>();
        router.getRoutes().stream().map(Route::getPath).filter(Objects::nonNull).forEach(templates::add);
        RouteTemplates matcher = new RouteTemplates(List.copyOf(templates));
        router.route().order(-1).handler(ctx -> {
            String template = matcher.match(ctx.normalizedPath());
            if (template != null) {
                RequestLog.route(ctx, template);
            }
            ctx.next();
        });
    }

    /** The methods a path answers, for the {@code Allow} header of a 405 (RFC 9110 §15.5.6). */
    private static String allowedMethods(String path) {
        if (path.equals(Urls.NEW_NONCE) || path.equals(Urls.DIRECTORY)) {
            return "GET, HEAD, POST";
        }
        if (path.startsWith(Urls.RENEWAL_INFO + "/")) {
            return "GET";
        }
        return "POST";
    }


    /** Counts the nonce of a request: every verified request redeemed one; badNonce refused one. */
    private void countNonce(AsyncResult<VerifiedRequest> verified) {
        if (verified.succeeded()) {
            metrics.nonceRedeemed(true);
        } else if (verified.cause() instanceof AcmeProblemException problem
                && problem.problem().type().equals(ProblemType.BAD_NONCE.urn())) {
            metrics.nonceRedeemed(false);
        }
    }

    /** An authenticated POST: verify the JWS, then run the action; any failure goes to the failure handler. */
    private Handler<RoutingContext> post(KeyMode mode,
            BiFunction<RoutingContext, VerifiedRequest, Future<Void>> action) {
        return ctx -> verifier.verify(ctx, mode)
                .onComplete(this::countNonce)
                .compose(request -> {
                    request.signingAccount().ifPresent(account -> RequestLog.account(ctx, account.id()));
                    return action.apply(ctx, request);
                })
                .onFailure(ctx::fail);
    }
}
