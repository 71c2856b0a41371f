package dev.vacme.common.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock in UTC that only moves when a test sets or advances it; safe to read from any thread. */
public final class SettableClock extends Clock {

    private volatile Instant now;

    /** Creates the clock at the given instant. */
    public SettableClock(Instant start) {
        this.now = start;
    }

    /** Sets the clock. */
    public void set(Instant instant) {
        now = instant;
    }

    /** Moves the clock forward. */
    public synchronized void advance(Duration duration) {
        now = now.plus(duration);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
