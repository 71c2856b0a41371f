package dev.vacme.client.acme;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Parses the {@code Retry-After} header (RFC 9110 §10.2.3), which ACME servers send while a
 * resource is being processed (RFC 8555 §7.4), with rate limits (§6.6) and with renewal
 * information (RFC 9773 §4.3): either delta-seconds or an HTTP-date.
 */
public final class RetryAfter {

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
        try {
            return Optional.of(ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
