package dev.vacme.client.testing;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Polls a condition until it holds or a deadline passes, for tests that wait on real processes. */
public final class Deadlines {

    private static final long POLL_NANOS = Duration.ofMillis(50).toNanos();

    private Deadlines() {
    }

    /**
     * Waits until the condition holds.
     *
     * @throws AssertionError naming {@code what} when it does not hold within {@code limit}
     */
    public static void await(Duration limit, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + limit.toSeconds() + " s waiting for " + what);
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }
}
