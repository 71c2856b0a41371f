package dev.vacme.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A repeated line gets through once per interval and tells how many were held back. */
class LogLimiterTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final LogLimiter limiter = new LogLimiter(Duration.ofSeconds(10), nanos::get);

    @Test
    void theFirstLineGetsThroughAndTheNextAreHeldBackUntilTheIntervalIsOver() {
        assertThat(limiter.permit()).isEqualTo(OptionalLong.of(0));
        assertThat(limiter.permit()).isEmpty();
        nanos.addAndGet(Duration.ofSeconds(9).toNanos());
        assertThat(limiter.permit()).isEmpty();
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());

        assertThat(limiter.permit()).as("two held back since the last line").isEqualTo(OptionalLong.of(2));
        assertThat(limiter.permit()).isEmpty();
    }

    @Test
    void aLineAfterAQuietIntervalReportsNothingHeldBack() {
        limiter.permit();
        nanos.addAndGet(Duration.ofMinutes(5).toNanos());

        assertThat(limiter.permit()).isEqualTo(OptionalLong.of(0));
    }
}
