package dev.vacme.server.ra;

import dev.vacme.common.problem.Problem;
import dev.vacme.common.problem.ProblemType;
import dev.vacme.server.AcmeProblemException;
import dev.vacme.server.store.Store;
import dev.vacme.server.store.StoredAccount;
import io.vertx.core.Future;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The configured rate limits ({@code rate-limits:}), counted in the store so that every instance
 * sharing the database sees the same counts. Exceeding one is 429 {@code rateLimited} with a
 * {@code Retry-After} saying when the oldest counted event leaves the window (RFC 8555 §6.6), a
 * detail naming the limit, and a {@code Link rel="help"} when a help URL is configured.
 *
 * <p>Counting then acting is not atomic: requests racing at the edge of a limit may all pass.
 * Built so far: {@code new-orders-per-account}.
 */
public final class RateLimiter {

    private final Store store;
    private final Optional<RateLimit> newOrdersPerAccount;
    private final Optional<URI> helpUrl;
    private final Clock clock;

    /**
     * Creates the limiter.
     *
     * @param newOrdersPerAccount how many orders one account may create per window; empty: no limit
     * @param helpUrl             where the limits are explained, for the {@code Link rel="help"} header
     */
    public RateLimiter(Store store, Optional<RateLimit> newOrdersPerAccount, Optional<URI> helpUrl, Clock clock) {
        this.store = store;
        this.newOrdersPerAccount = newOrdersPerAccount;
        this.helpUrl = helpUrl;
        this.clock = clock;
    }

    /** A limiter with no limits. */
    public static RateLimiter none(Store store, Clock clock) {
        return new RateLimiter(store, Optional.empty(), Optional.empty(), clock);
    }

    /** Succeeds when the account may create another order now. */
    public Future<Void> checkNewOrder(StoredAccount account) {
        if (newOrdersPerAccount.isEmpty()) {
            return Future.succeededFuture();
        }
        RateLimit limit = newOrdersPerAccount.get();
        Instant now = clock.instant();
        return store.orderCreationTimes(account.id(), now.minus(limit.window()), limit.count()).compose(times -> {
            if (times.size() < limit.count()) {
                return Future.succeededFuture();
            }
            Duration wait = Duration.between(now, times.get(0).plus(limit.window()));
            long seconds = Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0));
            return Future.failedFuture(exceeded("new-orders-per-account", limit,
                    "too many new orders for this account", seconds));
        });
    }

    private AcmeProblemException exceeded(String name, RateLimit limit, String what, long retryAfterSeconds) {
        AcmeProblemException problem = new AcmeProblemException(Problem.of(ProblemType.RATE_LIMITED, what
                + ": the limit " + name + " allows " + limit + "; retry after " + retryAfterSeconds + " seconds"))
                .withHeader("Retry-After", Long.toString(retryAfterSeconds));
        return helpUrl.map(url -> problem.withHeader("Link", "<" + url + ">;rel=\"help\"")).orElse(problem);
    }
}
