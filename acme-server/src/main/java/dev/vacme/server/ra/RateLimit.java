package dev.vacme.server.ra;

import dev.vacme.server.config.Durations;
import java.time.Duration;

/**
 * A limit of {@code count} events per sliding {@code window}, written {@code COUNT/DURATION}
 * (e.g. {@code 300/3h}).
 *
 * @param count  how many events the window may hold
 * @param window how far back events count
 */
public record RateLimit(int count, Duration window) {

    public RateLimit {
        if (count < 1) {
            throw new IllegalArgumentException("a rate limit must allow at least 1, not " + count);
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a rate limit needs a positive window");
        }
    }

    /**
     * Parses {@code COUNT/DURATION}.
     *
     * @throws IllegalArgumentException naming the value and the expected form
     */
    public static RateLimit parse(String text) {
        String value = text == null ? "" : text.strip();
        int slash = value.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("'" + value + "' is not COUNT/DURATION, e.g. 300/3h");
        }
        int count;
        try {
            count = Integer.parseInt(value.substring(0, slash).strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not COUNT/DURATION, e.g. 300/3h");
        }
        return new RateLimit(count, Durations.parse(value.substring(slash + 1).strip()));
    }

    @Override
    public String toString() {
        return count + "/" + text(window);
    }

    /** Writes a duration the way the configuration does, e.g. {@code 3h} or {@code 90s}. */
    static String text(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }
}
