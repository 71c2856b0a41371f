package dev.vacme.client.acme;

import dev.vacme.client.InterruptedRunException;
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
            // Not re-interrupted: the run now stops and cleans up, which may itself have to wait.
            throw new InterruptedRunException("while waiting", e);
        }
    };

    /** Waits for the given duration. */
    void sleep(Duration duration);
}
