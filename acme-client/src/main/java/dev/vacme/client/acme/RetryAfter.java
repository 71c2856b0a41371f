package dev.vacme.client.acme;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parses the {@code Retry-After} header (RFC 9110 §10.2.3), which ACME servers send while a
 * resource is being processed (RFC 8555 §7.4), with rate limits (§6.6) and with renewal
 * information (RFC 9773 §4.3): either delta-seconds or an HTTP-date, in any of the three forms
 * RFC 9110 §5.6.7 requires recipients to accept (IMF-fixdate, RFC 850, asctime).
 */
public final class RetryAfter {

    /** The weekday is redundant, and a wrong one must not make the whole date unreadable. */
    private static final Pattern WEEKDAY = Pattern.compile("^[A-Za-z]+,?\\s+");
    private static final List<DateTimeFormatter> DATES = List.of(
            date("d MMM yyyy HH:mm:ss 'GMT'"),
            new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern("dd-MMM-")
                    .appendValueReduced(ChronoField.YEAR, 2, 2, 1970).appendPattern(" HH:mm:ss 'GMT'")
                    .toFormatter(Locale.ROOT),
            date("MMM d HH:mm:ss yyyy"));

    private RetryAfter() {
    }

    /** Returns the instant the header names, relative to {@code now} for delta-seconds. */
    public static Optional<Instant> parse(String value, Instant now) {
        if (value == null) {
            return Optional.empty();
        }
        String text = value.trim();
        if (text.matches("\\d{1,10}")) {
            return Optional.of(now.plusSeconds(Long.parseLong(text)));
        }
        String date = WEEKDAY.matcher(text.replaceAll("\\s+", " ")).replaceFirst("");
        for (DateTimeFormatter format : DATES) {
            try {
                return Optional.of(LocalDateTime.parse(date, format).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        return Optional.empty();
    }

    private static DateTimeFormatter date(String pattern) {
        return new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(pattern).toFormatter(Locale.ROOT);
    }
}
