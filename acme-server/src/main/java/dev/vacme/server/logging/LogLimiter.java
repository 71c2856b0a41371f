package dev.vacme.server.logging;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Lets a log line that can repeat many times a second (a database outage, refused connections,
 * the accept loop out of file handles) through at most once per interval, and tells the line that
 * gets through how many were held back since the last one. Safe to share between threads.
 *
 * <pre>{@code
 * limiter.permit().ifPresent(held -> LOG.warn("database unavailable ({} more since the last line)", held));
 * }</pre>
 */
public final class LogLimiter {

    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final AtomicLong lastNanos;
    private final AtomicLong held = new AtomicLong();

    /** At most one line per {@code interval}, timed by {@link System#nanoTime()}. */
    public LogLimiter(Duration interval) {
        this(interval, System::nanoTime);
    }

    /** At most one line per {@code interval}, timed by {@code nanoTime} (a test's clock). */
    public LogLimiter(Duration interval, LongSupplier nanoTime) {
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
        this.lastNanos = new AtomicLong(nanoTime.getAsLong() - intervalNanos);
    }

    /**
     * Asks to log one more occurrence.
     *
     * @return empty when the line should be held back, else how many occurrences were held back
     *         since the last line that got through
     */
    public OptionalLong permit() {
        long now = nanoTime.getAsLong();
        long last = lastNanos.get();
        if (now - last >= intervalNanos && lastNanos.compareAndSet(last, now)) {
            return OptionalLong.of(held.getAndSet(0));
        }
        held.incrementAndGet();
        return OptionalLong.empty();
    }
}
