package dev.vacme.client.acme;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Polls a resource until it reaches a final state (RFC 8555 §7.5.1, §7.4): waits as long as the
 * server's {@code Retry-After} says, otherwise backs off from half a second up to a cap, and gives up
 * with {@link AcmeTimeoutException} as soon as the next poll would fall after the overall
 * deadline.
 */
public final class Poller {

    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration firstInterval;
    private final Duration maxInterval;

    /** Creates a poller starting at half a second between polls, backing off up to ten seconds. */
    public Poller(Clock clock, Sleeper sleeper) {
        this(clock, sleeper, Duration.ofMillis(500), Duration.ofSeconds(10));
    }

    /** Creates a poller with explicit intervals. */
    public Poller(Clock clock, Sleeper sleeper, Duration firstInterval, Duration maxInterval) {
        this.clock = clock;
        this.sleeper = sleeper;
        this.firstInterval = firstInterval;
        this.maxInterval = maxInterval;
    }

    /**
     * Fetches until {@code done} accepts the resource.
     *
     * @param what     names the resource in the timeout message
     * @param fetch    fetches the resource once
     * @param done     true for a final state (successful or not)
     * @param deadline the overall deadline
     * @return the resource in its final state
     * @throws AcmeTimeoutException when the deadline would pass before the next poll
     */
    public <T> Polled<T> until(String what, Supplier<Polled<T>> fetch, Predicate<T> done, Instant deadline) {
        Duration interval = firstInterval;
        while (true) {
            Polled<T> polled = fetch.get();
            if (done.test(polled.value())) {
                return polled;
            }
            Instant now = clock.instant();
            Duration wait = polled.retryAfterTime()
                    .map(at -> Duration.between(now, at))
                    .filter(d -> !d.isNegative())
                    .orElse(interval);
            if (now.plus(wait).isAfter(deadline)) {
                throw new AcmeTimeoutException(what + " is still not final; gave up at the deadline " + deadline);
            }
            sleeper.sleep(wait);
            interval = min(interval.multipliedBy(2), maxInterval);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
