package dev.vacme.server.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations as operators write them: {@code 90d}, {@code 36h}, {@code 15m}, {@code 30s} or ISO-8601 {@code P90D}. */
public final class Durations {

    private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*([dhms])");

    private Durations() {
    }

    /**
     * Parses a positive duration.
     *
     * @throws IllegalArgumentException with a message naming the accepted forms
     */
    public static Duration parse(String text) {
        String trimmed = text == null ? "" : text.trim().toLowerCase(java.util.Locale.ROOT);
        Duration duration;
        Matcher matcher = SHORT.matcher(trimmed);
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            duration = switch (matcher.group(2)) {
                case "d" -> Duration.ofDays(amount);
                case "h" -> Duration.ofHours(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofSeconds(amount);
            };
        } else {
            try {
                duration = Duration.parse(trimmed.toUpperCase(java.util.Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + text + "' is not a duration; write e.g. 90d, 36h, 15m or P90D");
            }
        }
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException("'" + text + "' must be a positive duration");
        }
        return duration;
    }
}
