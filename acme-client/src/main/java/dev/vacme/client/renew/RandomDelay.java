package dev.vacme.client.renew;

import java.time.Duration;
import java.util.Random;

/**
 * The random delay of an unattended renew run, so that the CA does not see every cron job of the
 * world at the top of the hour (certbot and lego wait up to eight minutes as well).
 */
public final class RandomDelay {

    /** The longest delay. */
    public static final Duration MAX = Duration.ofMinutes(8);

    private RandomDelay() {
    }

    /** Picks a delay between zero and {@link #MAX}, to the second. */
    public static Duration pick(Random random) {
        return Duration.ofSeconds(random.nextInt((int) MAX.toSeconds() + 1));
    }
}
