package dev.vacme.client.renew;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.client.acme.AcmeSession;
import dev.vacme.client.store.AriWindow;
import dev.vacme.client.store.CertificateFacts;
import dev.vacme.client.testing.RecordingSleeper;
import dev.vacme.client.testing.ScriptedTransport;
import dev.vacme.common.model.RenewalInfo;
import dev.vacme.common.testing.SettableClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AriRefresherTest {

    private static final Instant NOW = Instant.parse("2025-02-01T00:00:00Z");
    private static final Instant START = Instant.parse("2025-03-01T00:00:00Z");
    private static final Instant END = Instant.parse("2025-03-03T00:00:00Z");
    private static final CertificateFacts FACTS = new CertificateFacts(1, "87654321", Instant.parse("2025-01-01T00:00:00Z"),
            Instant.parse("2025-04-01T00:00:00Z"), "aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE",
            URI.create("https://ca.test/renewal-info"), null);

    private final List<String> warnings = new ArrayList<>();
    private SettableClock clock;
    private RecordingSleeper sleeper;
    private AriRefresher refresher;

    @BeforeEach
    void setUp() {
        clock = new SettableClock(NOW);
        sleeper = RecordingSleeper.advancing(clock);
        refresher = new AriRefresher(clock, new Random(7), sleeper, warnings::add);
    }

    private static RenewalInfo info(Instant start, Instant end) {
        return new RenewalInfo(new RenewalInfo.SuggestedWindow(start, end), URI.create("https://ca.test/why"));
    }

    @Test
    void choosesOnePointInsideANewWindow() {
        AriWindow window = refresher.update(null, info(START, END), NOW.plusSeconds(3600), NOW);

        assertThat(window.start()).isEqualTo(START);
        assertThat(window.end()).isEqualTo(END);
        assertThat(window.selected()).isBetween(START, END);
        assertThat(window.nextCheck()).isEqualTo(NOW.plusSeconds(3600));
        assertThat(window.explanation()).isEqualTo(URI.create("https://ca.test/why"));
    }

    @Test
    void keepsThePointWhileTheWindowStaysTheSame() {
        Instant chosen = Instant.parse("2025-03-02T10:11:12Z");
        AriWindow previous = new AriWindow(START, END, chosen, NOW, null);

        assertThat(refresher.update(previous, info(START, END), NOW.plusSeconds(60), NOW).selected()).isEqualTo(chosen);
        assertThat(refresher.update(previous, info(START, END.plusSeconds(1)), NOW.plusSeconds(60), NOW).selected())
                .isNotEqualTo(chosen).isBetween(START, END.plusSeconds(1));
    }

    @ParameterizedTest(name = "[{index}] Retry-After in {0} s -> next check in {1} s")
    @CsvSource({
        "10,      60",
        "60,      60",
        "21600,   21600",
        "86400,   86400",
        "604800,  86400",
        "-1,      21600",
    })
    void clampsTheCheckingInterval(long retryAfterSeconds, long expectedSeconds) {
        Instant retryAfter = retryAfterSeconds < 0 ? null : NOW.plusSeconds(retryAfterSeconds);

        AriWindow window = refresher.update(null, info(START, END), retryAfter, NOW);

        assertThat(Duration.between(NOW, window.nextCheck())).isEqualTo(Duration.ofSeconds(expectedSeconds));
    }

    @Test
    void anInvalidWindowCountsAsNoAnswer() {
        AriWindow previous = new AriWindow(START, END, START.plusSeconds(5), NOW, null);

        AriWindow window = refresher.update(previous, info(END, START), NOW.plusSeconds(60), NOW);

        assertThat(window).isEqualTo(new AriWindow(START, END, START.plusSeconds(5), NOW.plus(Duration.ofHours(6)), null));
        assertThat(warnings).containsExactly(
                "the server's renewal window is invalid (its end is not after its start); ignoring it");
    }

    @Test
    void fetchesWithAGetAndRetriesTemporaryErrors() {
        ScriptedTransport transport = new ScriptedTransport()
                .thenJson(503, "text/plain", "busy")
                .thenJson(200, "application/json",
                        "{\"suggestedWindow\":{\"start\":\"2025-03-01T00:00:00Z\",\"end\":\"2025-03-03T00:00:00Z\"}}",
                        "Retry-After", "21600");
        AcmeSession session = new AcmeSession(URI.create("https://ca.test/dir"), transport, clock);

        AriWindow window = refresher.refresh(session, FACTS, null);

        assertThat(transport.requests()).extracting(r -> r.method() + " " + r.uri()).containsExactly(
                "GET https://ca.test/renewal-info/aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE",
                "GET https://ca.test/renewal-info/aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE");
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(1));
        assertThat(window.start()).isEqualTo(START);
        assertThat(window.nextCheck()).isEqualTo(NOW.plusSeconds(1).plus(Duration.ofHours(6)));
    }

    @Test
    void aLongTermErrorKeepsThePreviousWindowAndAsksAgainInSixHours() {
        ScriptedTransport transport = new ScriptedTransport().thenJson(404, "application/problem+json",
                "{\"type\":\"urn:ietf:params:acme:error:malformed\",\"detail\":\"unknown certificate\"}");
        AcmeSession session = new AcmeSession(URI.create("https://ca.test/dir"), transport, clock);
        AriWindow previous = new AriWindow(START, END, START.plusSeconds(5), NOW, null);

        AriWindow window = refresher.refresh(session, FACTS, previous);

        assertThat(window).isEqualTo(new AriWindow(START, END, START.plusSeconds(5), NOW.plus(Duration.ofHours(6)),
                null));
        assertThat(warnings).containsExactly("cannot fetch renewal information for certificate 87654321: malformed:"
                + " unknown certificate; asking again in 6 hours");
        assertThat(sleeper.sleeps()).isEmpty();
    }
}
