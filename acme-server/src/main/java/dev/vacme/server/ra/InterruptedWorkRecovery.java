package dev.vacme.server.ra;

import dev.vacme.common.problem.Problem;
import dev.vacme.common.problem.ProblemType;
import dev.vacme.server.store.Store;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finishes work a crashed instance left in {@code processing}: an order whose finalize never
 * completed, a challenge whose validation never reported. Nothing was handed out for either, so
 * both are failed with a {@code serverInternal} error and the client orders again. Work younger
 * than the grace period is left alone, because with several instances on one database it may be
 * running right now elsewhere.
 */
public final class InterruptedWorkRecovery {

    /** The default window: far longer than a finalize or a validation (10 s) can take. */
    public static final Duration GRACE = Duration.ofMinutes(5);

    private static final Logger LOG = LoggerFactory.getLogger(InterruptedWorkRecovery.class);

    private final Store store;
    private final Clock clock;
    private final Duration window;

    /** Creates the recovery over the store with the default window, {@link #GRACE}. */
    public InterruptedWorkRecovery(Store store, Clock clock) {
        this(store, clock, GRACE);
    }

    /**
     * Creates the recovery over the store.
     *
     * @param window how long work may stay in {@code processing} before it counts as interrupted
     */
    public InterruptedWorkRecovery(Store store, Clock clock, Duration window) {
        this.store = store;
        this.clock = clock;
        this.window = window;
    }

    /**
     * Fails every order and challenge stuck in {@code processing} for longer than the window.
     *
     * @return how many were failed
     */
    public Future<Integer> run() {
        Instant before = clock.instant().minus(window);
        Future<Integer> orders = store.findStaleProcessingOrderIds(before).compose(ids -> each(ids,
                id -> store.failOrder(id, Problem.of(ProblemType.SERVER_INTERNAL,
                        "issuance was interrupted by a server failure; create a new order"))));
        return orders.compose(failedOrders -> store.findStaleProcessingChallengeIds(before).compose(ids -> each(ids,
                        id -> store.completeChallenge(id, clock.instant(), Problem.of(ProblemType.SERVER_INTERNAL,
                                "validation was interrupted by a server failure; create a new order"), null).mapEmpty()))
                .map(failedChallenges -> failedOrders + failedChallenges))
                .onSuccess(count -> {
                    if (count > 0) {
                        LOG.warn("failed {} order(s) and challenge(s) left in processing by an interrupted server", count);
                    }
                });
    }

    /** Applies {@code action} to each id in turn; one that lost a race to another instance is skipped. */
    private static Future<Integer> each(List<String> ids, Function<String, Future<?>> action) {
        Future<Integer> done = Future.succeededFuture(0);
        for (String id : ids) {
            done = done.compose(count -> action.apply(id).transform(result -> {
                if (result.failed()) {
                    LOG.info("{} was finished concurrently: {}", id, result.cause().getMessage());
                    return Future.succeededFuture(count);
                }
                return Future.succeededFuture(count + 1);
            }));
        }
        return done;
    }
}
