package dev.vacme.server.wfe;

import dev.vacme.common.json.AcmeJson;
import dev.vacme.server.store.Store;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Health checks for the admin listener (plain HTTP, for a load balancer or systemd):
 * {@code /health/live} answers 200 while the process serves; {@code /health/ready} answers 200
 * when the CA keys are loaded (they are before any listener opens) and the store answers a query,
 * else 503 with the reason as JSON.
 */
public final class HealthResource {

    private final Store store;

    /** Creates the checks over the server's store. */
    public HealthResource(Store store) {
        this.store = store;
    }

    /** Builds the admin router. */
    public Router router(Vertx vertx) {
        Router router = Router.router(vertx);
        router.get("/health/live").handler(ctx -> send(ctx, 200, Map.of("status", "live")));
        router.get("/health/ready").handler(this::ready);
        return router;
    }

    private void ready(RoutingContext ctx) {
        store.ping().onComplete(pinged -> {
            if (pinged.succeeded()) {
                send(ctx, 200, Map.of("status", "ready"));
                return;
            }
            Map<String, String> body = new LinkedHashMap<>();
            body.put("status", "not ready");
            body.put("reason", "the database does not answer: " + firstLine(pinged.cause().getMessage()));
            send(ctx, 503, body);
        });
    }

    private static void send(RoutingContext ctx, int status, Map<String, String> body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store").end(AcmeJson.write(body));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no answer";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
