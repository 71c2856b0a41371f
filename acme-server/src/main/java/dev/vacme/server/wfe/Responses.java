package dev.vacme.server.wfe;

import dev.vacme.common.json.AcmeJson;
import dev.vacme.common.problem.Problem;
import dev.vacme.server.AcmeProblemException;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Map;

/** Writes response bodies: JSON resources and problem documents (RFC 8555 §6.7). */
final class Responses {

    static final String JSON = "application/json";
    static final String PEM_CHAIN = "application/pem-certificate-chain";

    /**
     * The polling interval suggested while something is processing (RFC 8555 §7.4, §7.5.1, §8.2):
     * the shortest Retry-After there is, since validations and finalizations here take milliseconds
     * and a client told to wait longer only sleeps.
     */
    static final Duration POLL_INTERVAL = Duration.ofSeconds(1);

    private Responses() {
    }

    /** Sends a JSON resource. */
    static void json(RoutingContext ctx, int status, Object body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", JSON).end(AcmeJson.write(body));
    }

    /** Sends a JSON resource with its URL in {@code Location}. */
    static void json(RoutingContext ctx, int status, String location, Object body) {
        ctx.response().putHeader("Location", location);
        json(ctx, status, body);
    }

    /** Adds a {@code Link} header. */
    static void link(RoutingContext ctx, String url, String relation) {
        ctx.response().headers().add("Link", "<" + url + ">;rel=\"" + relation + "\"");
    }

    /** Adds {@code Retry-After} in seconds. */
    static void retryAfter(RoutingContext ctx, Duration delay) {
        ctx.response().putHeader("Retry-After", Long.toString(Math.max(1, delay.toSeconds())));
    }

    /** Sends a problem document with its status and extra headers. */
    static void problem(RoutingContext ctx, AcmeProblemException exception) {
        for (Map.Entry<String, String> header : exception.headers().entrySet()) {
            ctx.response().putHeader(header.getKey(), header.getValue());
        }
        problem(ctx, exception.problem());
    }

    /** Sends a problem document. */
    static void problem(RoutingContext ctx, Problem problem) {
        if (ctx.response().ended()) {
            return;
        }
        RequestLog.problem(ctx, problem.type());
        int status = problem.status() == null ? 500 : problem.status();
        ctx.response().setStatusCode(status).putHeader("Content-Type", Problem.MEDIA_TYPE).end(AcmeJson.write(problem));
    }
}
