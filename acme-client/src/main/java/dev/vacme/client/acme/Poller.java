package dev.vacme.client.acme;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Polls a resource until it reaches a final state (RFC 8555 §7.5.1, §7.4). It waits as long as
 * the server's {@code Retry-After} says (RFC 8555 §8.2: no request before that time); without
 * one it polls first after a short delay, because a server that validates locally is usually
 * done within milliseconds, and backs off by doubling up to a cap. It gives up with
 * {@link AcmeTimeoutException} as soon as the next poll would fall after the overall deadline.
 */
public final class Poller {

    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration firstInterval;
    private final Duration maxInterval;

    /** The default first delay: long enough for a local validation, short against a human's wait. */
    public static final Duration FIRST_INTERVAL = Duration.ofMillis(100);
    /** The default cap of the back-off without {@code Retry-After}. */
    public static final Duration MAX_INTERVAL = Duration.ofSeconds(10);

    /**
     * Creates a poller that polls first after {@link #FIRST_INTERVAL} and backs off up to
     * {@link #MAX_INTERVAL}.
     */
    public Poller(Clock clock, Sleeper sleeper) {
        this(clock, sleeper, FIRST_INTERVAL, MAX_INTERVAL);
    }

    /**
     * Creates a poller with explicit intervals.
     *
     * @param firstInterval the delay before the first poll without {@code Retry-After} (the first back-off step)
     * @param maxInterval   the longest back-off step without {@code Retry-After}
     */
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
