package dev.vacme.client.acme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vacme.client.testing.RecordingSleeper;
import dev.vacme.common.testing.SettableClock;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
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
        "Sat, 1 Mar 2025 13:00:00 GMT   | 2025-03-01T13:00:00Z",
        "Mon, 01 Mar 2025 13:00:00 GMT  | 2025-03-01T13:00:00Z",
        "sat, 01 mar 2025 13:00:00 gmt  | 2025-03-01T13:00:00Z",
        "Saturday, 01-Mar-25 13:00:00 GMT | 2025-03-01T13:00:00Z",
        "Sat Mar  1 13:00:00 2025       | 2025-03-01T13:00:00Z",
        "Sat Mar 15 13:00:00 2025       | 2025-03-15T13:00:00Z",
        "Sat, 01 Mar 2025 13:00:00 CET  | none",
        "Sat, 01 Mar 2025 25:00:00 GMT  | none",
        "-5                             | none",
        "soon                           | none",
        "1.5                            | none",
        "''                             | none",
    })
    void parsesDeltaSecondsAndHttpDates(String header, String expected) {
        Optional<Instant> parsed = RetryAfter.parse(header, NOW);
        assertThat(parsed).isEqualTo(Optional.ofNullable(expected).map(Instant::parse));
    }

    @ParameterizedTest(name = "[{index}] Retry-After: {0}")
    @CsvSource(delimiter = '|', value = {
        "600",
        "Sat, 01 Mar 2025 12:10:00 GMT",
        "Saturday, 01-Mar-25 12:10:00 GMT",
        "Sat Mar  1 12:10:00 2025",
    })
    void aServerThatAsksForMoreTimeThanIsLeftIsNotPolledAgainInAnyForm(String header) {
        SettableClock clock = new SettableClock(NOW);
        RecordingSleeper sleeper = RecordingSleeper.advancing(clock);
        URI order = URI.create("https://ca.test/order/1");
        AcmeResponse processing = new AcmeResponse(AcmeRequest.get(order), 200,
                Map.of("Retry-After", List.of(header)), "{}".getBytes(StandardCharsets.UTF_8));
        AtomicInteger polls = new AtomicInteger();

        assertThatThrownBy(() -> new Poller(clock, sleeper).until("order " + order, () -> {
            polls.incrementAndGet();
            return new Polled<>(order, "processing", processing.retryAfter(clock.instant()).orElse(null));
        }, "valid"::equals, NOW.plusSeconds(300))).isInstanceOf(AcmeTimeoutException.class);
        assertThat(polls).hasValue(1);
        assertThat(sleeper.sleeps()).isEmpty();
    }

    @Test
    void absentHeaderGivesNothing() {
        assertThat(RetryAfter.parse(null, NOW)).isEmpty();
    }
}
