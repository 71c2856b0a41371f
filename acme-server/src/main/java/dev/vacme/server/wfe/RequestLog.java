package dev.vacme.server.wfe;

import dev.vacme.server.metrics.ServerMetrics;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * One log line per request on the logger {@code dev.vacme.server.access}: method, path, status,
 * duration, the account (once the JWS named one) and the problem type of an error, e.g.
 * {@code POST /acme/new-order 201 12ms account=Xyz}; the same values are attached as key-value
 * pairs, which the JSON log format writes as fields. Never a body, header, nonce or key. The
 * request is also counted and timed in the metrics by its route template.
 */
final class RequestLog implements Handler<RoutingContext> {

    /** The route label of a request no route matched (404, 405). */
    static final String UNMATCHED = "unmatched";

    private static final Logger ACCESS = LoggerFactory.getLogger("dev.vacme.server.access");
    private static final String ACCOUNT = "vacme.account";
    private static final String PROBLEM = "vacme.problem";
    private static final String ROUTE = "vacme.route";

    private final ServerMetrics metrics;

    /** Logs to the access logger and counts into {@code metrics}. */
    RequestLog(ServerMetrics metrics) {
        this.metrics = metrics;
    }

    /** The first handler of every route: logs and counts the request when its response has been sent. */
    @Override
    public void handle(RoutingContext ctx) {
        long started = System.nanoTime();
        ctx.addBodyEndHandler(ignored -> ended(ctx, System.nanoTime() - started));
        ctx.next();
    }

    /** Names the account the request was signed by, for its log line. */
    static void account(RoutingContext ctx, String accountId) {
        ctx.put(ACCOUNT, accountId);
    }

    /** Names the problem type the request was answered with, for its log line. */
    static void problem(RoutingContext ctx, String type) {
        ctx.put(PROBLEM, type);
    }

    /** Names the template of the route the request matched, e.g. {@code /acme/order/:id}. */
    static void route(RoutingContext ctx, String template) {
        ctx.put(ROUTE, template);
    }

    private void ended(RoutingContext ctx, long nanos) {
        String route = ctx.get(ROUTE);
        metrics.request(route == null ? UNMATCHED : route, ctx.request().method().name(),
                ctx.response().getStatusCode(), nanos);
        if (ACCESS.isInfoEnabled()) {
            log(ctx, nanos / 1_000_000);
        }
    }

    private static void log(RoutingContext ctx, long millis) {
        String method = ctx.request().method().name();
        String path = ctx.request().path();
        int status = ctx.response().getStatusCode();
        LoggingEventBuilder event = ACCESS.atInfo().addKeyValue("method", method).addKeyValue("path", path)
                .addKeyValue("status", status).addKeyValue("duration_ms", millis);
        StringBuilder line = new StringBuilder()
                .append(method).append(' ').append(path).append(' ').append(status).append(' ')
                .append(millis).append("ms");
        String account = ctx.get(ACCOUNT);
        if (account != null) {
            line.append(" account=").append(account);
            event = event.addKeyValue("account", account);
        }
        String problem = ctx.get(PROBLEM);
        if (problem != null) {
            String type = problem.substring(problem.lastIndexOf(':') + 1);
            line.append(" problem=").append(type);
            event = event.addKeyValue("problem", type);
        }
        event.log(line.toString());
    }
}
