package dev.vacme.client.renew;

import dev.vacme.client.acme.AcmeException;
import dev.vacme.client.acme.AcmeNetworkException;
import dev.vacme.client.acme.AcmeProblemException;
import dev.vacme.client.acme.AcmeProtocolException;
import dev.vacme.client.acme.AcmeSession;
import dev.vacme.client.acme.Polled;
import dev.vacme.client.acme.RenewalInfoClient;
import dev.vacme.client.acme.Sleeper;
import dev.vacme.client.store.AriWindow;
import dev.vacme.client.store.CertificateFacts;
import dev.vacme.common.model.RenewalInfo;
import dev.vacme.common.pki.AriCertificateId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Fetches a certificate's renewal information (RFC 9773 §4) and turns it into the state
 * {@link RenewalPolicy} decides on: the window, one random point in it (chosen once per window,
 * §4.2), and when to ask again: the server's {@code Retry-After} clamped to one minute .. one day,
 * or six hours after an error or a missing or invalid answer (§4.3). Temporary errors are retried
 * twice with backoff first.
 */
public final class AriRefresher {

    static final Duration MIN_RETRY = Duration.ofMinutes(1);
    static final Duration MAX_RETRY = Duration.ofDays(1);
    static final Duration AFTER_ERROR = Duration.ofHours(6);
    private static final int ATTEMPTS = 3;

    private final Clock clock;
    private final Random random;
    private final Sleeper sleeper;
    private final Consumer<String> warnings;

    /** Creates the refresher. */
    public AriRefresher(Clock clock, Random random, Sleeper sleeper, Consumer<String> warnings) {
        this.clock = clock;
        this.random = random;
        this.sleeper = sleeper;
        this.warnings = warnings;
    }

    /**
     * Fetches and returns the new state; on failure returns the previous window with the next
     * check six hours away, and reports the failure as a warning.
     */
    public AriWindow refresh(AcmeSession session, CertificateFacts facts, AriWindow previous) {
        Objects.requireNonNull(facts.renewalInfo(), "the server offers no renewal information");
        try {
            Polled<RenewalInfo> fetched = fetchWithRetries(session, facts);
            return update(previous, fetched.value(), fetched.retryAfter(), clock.instant());
        } catch (AcmeException e) {
            warnings.accept("cannot fetch renewal information for certificate " + facts.serial() + ": "
                    + e.getMessage() + "; asking again in 6 hours");
            return afterError(previous, clock.instant());
        }
    }

    /** Computes the new state from a fetched answer (separate from I/O so it can be tested exactly). */
    AriWindow update(AriWindow previous, RenewalInfo info, Instant retryAfter, Instant now) {
        RenewalInfo.SuggestedWindow window = info.suggestedWindow();
        if (window == null || !window.isValid()) {
            warnings.accept("the server's renewal window is invalid (its end is not after its start); ignoring it");
            return afterError(previous, now);
        }
        Instant selected = previous != null && previous.hasWindow()
                && window.start().equals(previous.start()) && window.end().equals(previous.end())
                ? previous.selected() : pick(window.start(), window.end());
        Instant nextCheck = (retryAfter == null ? now.plus(AFTER_ERROR) : now.plus(clamp(Duration.between(now, retryAfter))))
                .truncatedTo(ChronoUnit.SECONDS);
        return new AriWindow(window.start(), window.end(), selected, nextCheck, info.explanationURL());
    }

    private Polled<RenewalInfo> fetchWithRetries(AcmeSession session, CertificateFacts facts) {
        AriCertificateId id = AriCertificateId.parse(facts.ariId());
        Duration backoff = Duration.ofSeconds(1);
        for (int attempt = 1; ; attempt++) {
            try {
                return RenewalInfoClient.fetch(session, facts.renewalInfo(), id);
            } catch (AcmeException e) {
                if (attempt >= ATTEMPTS || !temporary(e)) {
                    throw e;
                }
                sleeper.sleep(backoff);
                backoff = backoff.multipliedBy(2);
            }
        }
    }

    private static boolean temporary(AcmeException e) {
        if (e instanceof AcmeNetworkException) {
            return true;
        }
        if (e instanceof AcmeProblemException problem) {
            Integer status = problem.problem().status();
            return status != null && status >= 500;
        }
        return e instanceof AcmeProtocolException protocol && protocol.httpStatus() >= 500;
    }

    private Instant pick(Instant start, Instant end) {
        long span = Duration.between(start, end).toMillis();
        return start.plusMillis(span <= 0 ? 0 : random.nextLong(span + 1)).truncatedTo(ChronoUnit.SECONDS);
    }

    private static AriWindow afterError(AriWindow previous, Instant now) {
        Instant next = now.plus(AFTER_ERROR).truncatedTo(ChronoUnit.SECONDS);
        return previous == null ? new AriWindow(null, null, null, next, null)
                : new AriWindow(previous.start(), previous.end(), previous.selected(), next, previous.explanation());
    }

    private static Duration clamp(Duration duration) {
        if (duration.compareTo(MIN_RETRY) < 0) {
            return MIN_RETRY;
        }
        return duration.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : duration;
    }
}
