package dev.vacme.server.wfe;

import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per request on the logger {@code dev.vacme.server.access}: method, path, status,
 * duration, the account (once the JWS named one) and the problem type of an error, e.g.
 * {@code POST /acme/new-order 201 12ms account=Xyz}. Never a body, header, nonce or key.
 */
final class RequestLog {

    private static final Logger ACCESS = LoggerFactory.getLogger("dev.vacme.server.access");
    private static final String ACCOUNT = "vacme.account";
    private static final String PROBLEM = "vacme.problem";

    private RequestLog() {
    }

    /** The first handler of every route: logs the request when its response has been sent. */
    static void start(RoutingContext ctx) {
        if (ACCESS.isInfoEnabled()) {
            long started = System.nanoTime();
            ctx.addBodyEndHandler(ignored -> log(ctx, (System.nanoTime() - started) / 1_000_000));
        }
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

    private static void log(RoutingContext ctx, long millis) {
        StringBuilder line = new StringBuilder()
                .append(ctx.request().method().name()).append(' ')
                .append(ctx.request().path()).append(' ')
                .append(ctx.response().getStatusCode()).append(' ')
                .append(millis).append("ms");
        String account = ctx.get(ACCOUNT);
        if (account != null) {
            line.append(" account=").append(account);
        }
        String problem = ctx.get(PROBLEM);
        if (problem != null) {
            line.append(" problem=").append(problem.substring(problem.lastIndexOf(':') + 1));
        }
        ACCESS.info(line.toString());
    }
}
