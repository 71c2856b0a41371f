package dev.vacme.client.renew;

import dev.vacme.client.acme.Sleeper;
import dev.vacme.client.store.ConfigLayout;
import dev.vacme.client.store.ConfigLock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Waits a bounded time for the config directory's lock, polling it once a second, for runs a
 * person asked for ({@code certonly}, {@code run}, {@code renew --cert-name/--force-renewal}) that
 * must not give up at once, nor silently, because a timer-driven run is working.
 */
public final class ConfigLockWait {

    /** How often the lock is tried again while waiting. */
    public static final Duration POLL = Duration.ofSeconds(1);

    private final ConfigLayout layout;
    private final Clock clock;
    private final Sleeper sleeper;

    public ConfigLockWait(ConfigLayout layout, Clock clock, Sleeper sleeper) {
        this.layout = layout;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /**
     * Takes the lock, waiting up to {@code wait} while another run holds it.
     *
     * @param progress told once, when the run starts waiting, what it waits for
     * @return the lock, or empty when it was still held after {@code wait}; then
     *         {@link #stillHeld} says by whom
     */
    public Optional<ConfigLock> acquire(Duration wait, Consumer<String> progress) {
        Optional<ConfigLock> lock = ConfigLock.tryAcquire(layout, clock.instant());
        if (lock.isPresent() || wait.isZero() || wait.isNegative()) {
            return lock;
        }
        progress.accept("waiting up to " + brief(wait) + " (--lock-timeout) for another vacme run ("
                + holder(ConfigLock.holderRecord(layout)) + ") to release the lock on " + layout.root());
        Instant deadline = clock.instant().plus(wait);
        while (clock.instant().isBefore(deadline)) {
            sleeper.sleep(POLL);
            lock = ConfigLock.tryAcquire(layout, clock.instant());
            if (lock.isPresent()) {
                return lock;
            }
        }
        return Optional.empty();
    }

    /**
     * Says who still holds the lock after waiting, e.g. {@code another vacme run (pid 42, holding it
     * since 2026-01-01T00:00:00Z) still holds the lock on DIR after 5m00s (--lock-timeout)}.
     */
    public String stillHeld(Duration wait) {
        return "another vacme run (" + holder(ConfigLock.holderRecord(layout)) + ") still holds the lock on "
                + layout.root() + " after " + brief(wait) + " (--lock-timeout)";
    }

    private static String holder(ConfigLock.Holder holder) {
        return "pid " + holder.pid() + ", " + holder.since().map(since -> "holding it since " + since)
                .orElse("holding it since an unknown time");
    }

    private static String brief(Duration wait) {
        return Durations.brief(wait);
    }
}
