package dev.vacme.client.acme;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

    @ParameterizedTest(name = "[{index}] ''{0}'' -> {1}")
    @CsvSource(delimiter = '|', nullValues = "none", value = {
        "0                              | 2025-03-01T12:00:00Z",
        "120                            | 2025-03-01T12:02:00Z",
        "' 30 '                         | 2025-03-01T12:00:30Z",
        "Sat, 01 Mar 2025 13:00:00 GMT  | 2025-03-01T13:00:00Z",
        "Fri, 28 Feb 2025 23:59:59 GMT  | 2025-02-28T23:59:59Z",
        "-5                             | none",
        "soon                           | none",
        "1.5                            | none",
        "''                             | none",
    })
    void parsesDeltaSecondsAndHttpDates(String header, String expected) {
        Optional<Instant> parsed = RetryAfter.parse(header, NOW);
        assertThat(parsed).isEqualTo(Optional.ofNullable(expected).map(Instant::parse));
    }

    @Test
    void absentHeaderGivesNothing() {
        assertThat(RetryAfter.parse(null, NOW)).isEmpty();
    }
}
