package dev.vacme.server.ra;

import dev.vacme.server.store.StoreUnavailableException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * Retries a store write that background work must not lose (a validation's outcome) while the
 * database is unavailable: after 1, 2, 4, ... seconds, up to a minute apart, for about five
 * minutes in all; other failures are not retried. A request's own writes are not retried here:
 * the client retries those after its 503.
 */
public final class StoreRetry {

    private static final List<Duration> DELAYS = List.of(Duration.ofSeconds(1), Duration.ofSeconds(2),
            Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(15), Duration.ofSeconds(30),
            Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofSeconds(60));

    private final Vertx vertx;
    private final List<Duration> delays;

    /** Creates the retrier with the default delays. */
    public StoreRetry(Vertx vertx) {
        this(vertx, DELAYS);
    }

    /** Creates the retrier with the given delays between attempts. */
    public StoreRetry(Vertx vertx, List<Duration> delays) {
        this.vertx = vertx;
        this.delays = List.copyOf(delays);
    }

    /** Runs the write, and again after each delay while it fails with {@link StoreUnavailableException}. */
    public <T> Future<T> run(Supplier<Future<T>> write) {
        return attempt(write, 0);
    }

    private <T> Future<T> attempt(Supplier<Future<T>> write, int retries) {
        return write.get().recover(failure -> {
            if (!(failure instanceof StoreUnavailableException) || retries >= delays.size()) {
                return Future.failedFuture(failure);
            }
            Promise<Void> waited = Promise.promise();
            vertx.setTimer(Math.max(1, delays.get(retries).toMillis()), id -> waited.complete());
            return waited.future().compose(ignored -> attempt(write, retries + 1));
        });
    }
}
