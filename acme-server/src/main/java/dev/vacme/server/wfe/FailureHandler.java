package dev.vacme.server.wfe;

import dev.vacme.common.problem.Problem;
import dev.vacme.common.problem.ProblemType;
import dev.vacme.server.AcmeProblemException;
import dev.vacme.server.logging.LogLimiter;
import dev.vacme.server.store.StoreUnavailableException;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place failures become problem documents. A typed {@link AcmeProblemException} is sent
 * as it is; a bare HTTP status (404, 405, 413) gets a matching {@code malformed} problem; a
 * database outage is 503 with Retry-After; anything else is logged with an incident id and
 * answered {@code serverInternal} without internals.
 */
final class FailureHandler implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger(FailureHandler.class);
    private static final Duration OUTAGE_LOG_INTERVAL = Duration.ofSeconds(10);
    private static final long OUTAGE_RETRY_AFTER_SECONDS = 5;

    private final LogLimiter outageLines = new LogLimiter(OUTAGE_LOG_INTERVAL);

    @Override
    public void handle(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (failure instanceof AcmeProblemException problem) {
            Responses.problem(ctx, problem);
            return;
        }
        if (failure == null || ctx.statusCode() == 413) {
            Responses.problem(ctx, forStatus(ctx));
            return;
        }
        if (failure instanceof StoreUnavailableException outage) {
            databaseUnavailable(ctx, outage);
            return;
        }
        String incident = UUID.randomUUID().toString();
        LOG.error("incident {}: {} {} failed", incident, ctx.request().method(), ctx.request().path(), failure);
        Responses.problem(ctx, Problem.of(ProblemType.SERVER_INTERNAL,
                "internal server error; the operator can find incident " + incident + " in the server log"));
    }

    /**
     * Answers 503 with Retry-After while the database is unavailable, and logs one line (no stack
     * trace) at most every {@link #OUTAGE_LOG_INTERVAL}, with how many requests it turned away.
     */
    private void databaseUnavailable(RoutingContext ctx, StoreUnavailableException outage) {
        outageLines.permit().ifPresent(held -> LOG.warn("{}; answered {} request(s) with 503 since the last such line",
                outage.getMessage(), held + 1));
        Responses.problem(ctx, new AcmeProblemException(Problem.of(ProblemType.SERVER_INTERNAL,
                "the server's database is unavailable; retry in a few seconds").withStatus(503))
                .withHeader("Retry-After", Long.toString(OUTAGE_RETRY_AFTER_SECONDS)));
    }

    /** Problem documents for failures that carry only an HTTP status. */
    static Problem forStatus(RoutingContext ctx) {
        int status = ctx.statusCode();
        return switch (status) {
            case 404 -> Problem.of(ProblemType.MALFORMED, "no ACME resource at " + ctx.request().path()).withStatus(404);
            case 405 -> Problem.of(ProblemType.MALFORMED, ctx.request().method() + " is not allowed on "
                    + ctx.request().path() + (ctx.request().method().name().equals("GET")
                            ? "; ACME resources are fetched with POST-as-GET (RFC 8555 §6.3)" : "")).withStatus(405);
            case 413 -> Problem.of(ProblemType.MALFORMED, "the request body is too large").withStatus(413);
            case 400 -> Problem.of(ProblemType.MALFORMED, "the request is not valid HTTP (e.g. a bad %-escape in the URL)");
            default -> Problem.of(ProblemType.SERVER_INTERNAL, "internal server error");
        };
    }
}
