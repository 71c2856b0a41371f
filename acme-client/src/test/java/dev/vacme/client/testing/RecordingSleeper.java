package dev.vacme.client.testing;

import dev.vacme.client.acme.Sleeper;
import dev.vacme.common.testing.SettableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A sleeper that records every wait. With a {@link SettableClock} it advances the clock instead of
 * sleeping; without one it really sleeps, but only for waits up to {@code maxRealSleep} (polling a
 * local server), and fails the test on longer ones (such as the renew delay).
 */
public final class RecordingSleeper implements Sleeper {

    private final SettableClock clock;
    private final Duration maxRealSleep;
    private final List<Duration> sleeps = new ArrayList<>();
    private Runnable onFirstSleep;

    private RecordingSleeper(SettableClock clock, Duration maxRealSleep) {
        this.clock = clock;
        this.maxRealSleep = maxRealSleep;
    }

    /** A sleeper that advances the fake clock. */
    public static RecordingSleeper advancing(SettableClock clock) {
        return new RecordingSleeper(clock, Duration.ZERO);
    }

    /** A sleeper that really sleeps for short waits, for tests against a real server. */
    public static RecordingSleeper realUpTo(Duration maxRealSleep) {
        return new RecordingSleeper(null, maxRealSleep);
    }

    /** Runs {@code action} during the first wait, as another process would while this one waits. */
    public RecordingSleeper then(Runnable action) {
        onFirstSleep = action;
        return this;
    }

    @Override
    public synchronized void sleep(Duration duration) {
        sleeps.add(duration);
        if (onFirstSleep != null) {
            Runnable action = onFirstSleep;
            onFirstSleep = null;
            action.run();
        }
        if (clock != null) {
            clock.advance(duration);
            return;
        }
        if (duration.compareTo(maxRealSleep) > 0) {
            throw new AssertionError("the client tried to sleep " + duration + " in a test");
        }
        Sleeper.REAL.sleep(duration);
    }

    /** Returns every wait so far. */
    public synchronized List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }

    /** Returns the waits longer than the given duration. */
    public synchronized List<Duration> longerThan(Duration duration) {
        return sleeps.stream().filter(d -> d.compareTo(duration) > 0).toList();
    }
}
