package dev.vacme.server.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls an asynchronous outcome, as an ACME client polls a resource, until it holds or a deadline passes. */
public final class Poll {

    private Poll() {
    }

    /**
     * Returns the first value that satisfies {@code done}.
     *
     * @throws AssertionError with the last value when the deadline passes
     */
    public static <T> T until(Supplier<T> fetch, Predicate<T> done, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        T value = fetch.get();
        while (!done.test(value)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("still not done after " + timeout + ": " + value);
            }
            try {
                TimeUnit.MILLISECONDS.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            value = fetch.get();
        }
        return value;
    }
}
