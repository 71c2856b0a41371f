package dev.vacme.client.store;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads the instants of a renewal configuration. vacme writes them with {@link Instant#toString()},
 * almost always whole seconds ({@code 2027-02-27T09:34:04Z}); those are read here directly, which
 * costs a fraction of {@link Instant#parse} on a cold JVM, where a {@code renew} with nothing due
 * reads some of them for every lineage. Anything else, including a value an admin edited into
 * another ISO-8601 form or an invalid one, goes to {@link Instant#parse}, so the results and the
 * errors are exactly its.
 */
final class StoredInstants {

    /** {@code yyyy-MM-ddTHH:mm:ssZ}. */
    private static final int WHOLE_SECONDS_LENGTH = 20;
    private static final int SECONDS_PER_DAY = 86_400;

    private StoredInstants() {
    }

    /**
     * Parses an instant as {@link Instant#parse} does.
     *
     * @throws java.time.format.DateTimeParseException as {@link Instant#parse} does
     */
    static Instant parse(String text) {
        Instant fast = wholeSeconds(text);
        return fast != null ? fast : Instant.parse(text);
    }

    /** Returns the instant of {@code yyyy-MM-ddTHH:mm:ssZ} with valid fields, else null. */
    private static Instant wholeSeconds(String text) {
        if (text.length() != WHOLE_SECONDS_LENGTH || text.charAt(4) != '-' || text.charAt(7) != '-'
                || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':'
                || text.charAt(19) != 'Z') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        // A leap second (60) and the other corner cases are Instant.parse's to handle.
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59) {
            return null;
        }
        LocalDate date;
        try {
            date = LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            return null;
        }
        return Instant.ofEpochSecond(date.toEpochDay() * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second);
    }

    /** Returns the decimal number of {@code length} ASCII digits at {@code start}, or -1. */
    private static int digits(String text, int start, int length) {
        int value = 0;
        for (int i = start; i < start + length; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
