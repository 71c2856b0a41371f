package dev.vacme.server.wfe;

import io.vertx.ext.web.Router;
import java.util.function.Supplier;

/** {@code GET /metrics} on the admin listener: the metrics in the Prometheus text format. */
public final class MetricsResource {

    /** The content type of the Prometheus text exposition format. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final Supplier<String> scrape;

    /** Serves what {@code scrape} returns. */
    public MetricsResource(Supplier<String> scrape) {
        this.scrape = scrape;
    }

    /** Adds the route to the admin router. */
    public void addTo(Router router) {
        router.get("/metrics").handler(ctx -> ctx.response().putHeader("Content-Type", CONTENT_TYPE)
                .putHeader("Cache-Control", "no-store").end(scrape.get()));
    }
}
