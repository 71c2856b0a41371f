package dev.vacme.client.acme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vacme.client.testing.RecordingSleeper;
import dev.vacme.common.testing.SettableClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PollerTest {

    private static final URI URL = URI.create("https://ca.test/authz/1");
    private static final Instant START = Instant.parse("2025-03-01T12:00:00Z");

    private SettableClock clock;
    private RecordingSleeper sleeper;
    private Poller poller;

    @BeforeEach
    void setUp() {
        clock = new SettableClock(START);
        sleeper = RecordingSleeper.advancing(clock);
        poller = new Poller(clock, sleeper, Duration.ofSeconds(1), Duration.ofSeconds(4));
    }

    @Test
    void backsOffWhenTheServerGivesNoRetryAfter() {
        Deque<String> states = new ArrayDeque<>(List.of("pending", "pending", "pending", "pending", "valid"));

        Polled<String> result = poller.until("authz", () -> new Polled<>(URL, states.poll(), null),
                "valid"::equals, START.plusSeconds(60));

        assertThat(result.value()).isEqualTo("valid");
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(4), Duration.ofSeconds(4));
    }

    @Test
    void waitsAsLongAsRetryAfterSaysEvenBeforeTheFirstPoll() {
        Deque<String> states = new ArrayDeque<>(List.of("processing", "processing", "processing", "valid"));

        poller.until("order", () -> new Polled<>(URL, states.poll(), clock.instant().plusSeconds(7)),
                "valid"::equals, START.plusSeconds(60));

        assertThat(sleeper.sleeps()).as("RFC 8555 §8.2: no request before the time Retry-After names")
                .containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(7), Duration.ofSeconds(7));
    }

    @Test
    void pollsFirstAtRetryAfterWhenItIsShorterThanTheFirstDelay() {
        Deque<String> states = new ArrayDeque<>(List.of("processing", "valid"));

        poller.until("order", () -> new Polled<>(URL, states.poll(), clock.instant().plusMillis(300)),
                "valid"::equals, START.plusSeconds(60));

        assertThat(sleeper.sleeps()).containsExactly(Duration.ofMillis(300));
    }

    @Test
    void startsAtATenthOfASecondByDefault() {
        Poller defaults = new Poller(clock, sleeper);
        Deque<String> states = new ArrayDeque<>(List.of("pending", "pending", "pending", "valid"));

        defaults.until("authz", () -> new Polled<>(URL, states.poll(), null), "valid"::equals,
                START.plusSeconds(60));

        assertThat(sleeper.sleeps()).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200),
                Duration.ofMillis(400));
    }

    @Test
    void givesUpWhenTheNextPollWouldPassTheDeadline() {
        assertThatThrownBy(() -> poller.until("order " + URL, () -> new Polled<>(URL, "processing",
                clock.instant().plusSeconds(30)), "valid"::equals, START.plusSeconds(20)))
                .isInstanceOf(AcmeTimeoutException.class)
                .hasMessage("order https://ca.test/authz/1 is still not final; gave up at the deadline"
                        + " 2025-03-01T12:00:20Z");
        assertThat(sleeper.sleeps()).as("Retry-After would pass the deadline: no second poll").isEmpty();
    }

    @Test
    void returnsAtOnceWhenAlreadyFinal() {
        poller.until("authz", () -> new Polled<>(URL, "valid", null), "valid"::equals, START);

        assertThat(sleeper.sleeps()).isEmpty();
    }
}
