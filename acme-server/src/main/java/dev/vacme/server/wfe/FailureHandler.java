package dev.vacme.server.wfe;

import dev.vacme.common.problem.Problem;
import dev.vacme.common.problem.ProblemType;
import dev.vacme.server.AcmeProblemException;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place failures become problem documents. A typed {@link AcmeProblemException} is sent
 * as it is; a bare HTTP status (404, 405, 413) gets a matching {@code malformed} problem; anything
 * else is logged with an incident id and answered {@code serverInternal} without internals.
 */
final class FailureHandler implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger(FailureHandler.class);

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
        String incident = UUID.randomUUID().toString();
        LOG.error("incident {}: {} {} failed", incident, ctx.request().method(), ctx.request().path(), failure);
        Responses.problem(ctx, Problem.of(ProblemType.SERVER_INTERNAL,
                "internal server error; the operator can find incident " + incident + " in the server log"));
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
