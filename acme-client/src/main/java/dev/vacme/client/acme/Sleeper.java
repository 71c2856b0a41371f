package dev.vacme.client.acme;

import dev.vacme.client.VacmeException;
import java.time.Duration;

/**
 * Waits. Production code sleeps the thread; tests pass a sleeper that advances a fake clock, so
 * no unit test ever sleeps.
 */
@FunctionalInterface
public interface Sleeper {

    /** Sleeps the current thread. */
    Sleeper REAL = duration -> {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VacmeException("interrupted while waiting", e);
        }
    };

    /** Waits for the given duration. */
    void sleep(Duration duration);
}
