package dev.vacme.client.renew;

import java.time.Duration;

/** Writes durations the way a person reads them in a message: {@code 45s}, {@code 5m12s}, {@code 2h05m}. */
public final class Durations {

    private Durations() {
    }

    /** Formats a duration to the second (to the minute from one hour on). */
    public static String brief(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return seconds / 60 + "m" + String.format("%02ds", seconds % 60);
        }
        return seconds / 3600 + "h" + String.format("%02dm", seconds % 3600 / 60);
    }
}
