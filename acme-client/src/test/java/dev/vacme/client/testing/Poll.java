package dev.vacme.client.testing;

import dev.vacme.client.acme.Sleeper;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Waits in tests for something to become true, polling up to a deadline. */
public final class Poll {

    private Poll() {
    }

    /** Returns true as soon as the condition holds, false when it still does not at the deadline. */
    public static boolean until(Duration limit, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(limit);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                return false;
            }
            Sleeper.REAL.sleep(Duration.ofMillis(50));
        }
        return true;
    }
}
