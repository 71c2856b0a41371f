package dev.vacme.server.ra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.common.model.AuthorizationStatus;
import dev.vacme.common.model.ChallengeStatus;
import dev.vacme.common.model.Identifier;
import dev.vacme.common.model.OrderStatus;
import dev.vacme.common.problem.Problem;
import dev.vacme.common.problem.ProblemType;
import dev.vacme.server.store.StoredAuthorization;
import dev.vacme.server.store.StoredChallenge;
import dev.vacme.server.store.StoredOrder;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The derived statuses of RFC 8555 §7.1.6. */
class StatusRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    @ParameterizedTest
    @CsvSource({
        "PENDING, 60, PENDING", "PENDING, -1, EXPIRED", "VALID, 60, VALID", "VALID, 0, EXPIRED",
        "INVALID, -60, INVALID", "DEACTIVATED, -60, DEACTIVATED"
    })
    void authorizationExpiresOnlyFromPendingOrValid(AuthorizationStatus stored, long expiresInSeconds,
            AuthorizationStatus expected) {
        StoredAuthorization authz = authz("a", stored, NOW.plusSeconds(expiresInSeconds), null);

        assertThat(StatusRules.authorization(authz, NOW).status()).isEqualTo(expected);
    }

    @Test
    void anOrderIsReadyWhenAllItsAuthorizationsAreValid() {
        OrderSnapshot snapshot = StatusRules.order(order(OrderStatus.PENDING, NOW.plusSeconds(60)),
                List.of(snapshot("a", AuthorizationStatus.VALID), snapshot("b", AuthorizationStatus.VALID)), NOW);

        assertThat(snapshot.status()).isEqualTo(OrderStatus.READY);
        assertThat(snapshot.error()).isNull();
    }

    @Test
    void anOrderIsPendingWhileAnyAuthorizationIsPending() {
        OrderSnapshot snapshot = StatusRules.order(order(OrderStatus.PENDING, NOW.plusSeconds(60)),
                List.of(snapshot("a", AuthorizationStatus.VALID), snapshot("b", AuthorizationStatus.PENDING)), NOW);

        assertThat(snapshot.status()).isEqualTo(OrderStatus.PENDING);
    }

    @Test
    void aFailedChallengeMakesTheOrderInvalidWithItsError() {
        Problem error = Problem.of(ProblemType.CONNECTION, "connection refused");
        StoredAuthorization failed = authz("b", AuthorizationStatus.INVALID, NOW.plusSeconds(60), error);

        OrderSnapshot snapshot = StatusRules.order(order(OrderStatus.PENDING, NOW.plusSeconds(60)),
                List.of(snapshot("a", AuthorizationStatus.VALID), new AuthorizationSnapshot(failed,
                        AuthorizationStatus.INVALID)), NOW);

        assertThat(snapshot.status()).isEqualTo(OrderStatus.INVALID);
        assertThat(snapshot.error().kind()).isEqualTo(ProblemType.CONNECTION);
        assertThat(snapshot.error().detail()).isEqualTo("authorization for b.example.com failed: connection refused");
    }

    @Test
    void aDeactivatedAuthorizationMakesTheOrderInvalid() {
        OrderSnapshot snapshot = StatusRules.order(order(OrderStatus.PENDING, NOW.plusSeconds(60)),
                List.of(snapshot("a", AuthorizationStatus.DEACTIVATED)), NOW);

        assertThat(snapshot.status()).isEqualTo(OrderStatus.INVALID);
        assertThat(snapshot.error().detail()).isEqualTo("authorization for a.example.com is deactivated");
    }

    @Test
    void anExpiredPendingOrderIsInvalid() {
        OrderSnapshot snapshot = StatusRules.order(order(OrderStatus.PENDING, NOW),
                List.of(snapshot("a", AuthorizationStatus.VALID)), NOW);

        assertThat(snapshot.status()).isEqualTo(OrderStatus.INVALID);
        assertThat(snapshot.error().detail()).isEqualTo("the order expired before it was finalized");
    }

    @Test
    void storedFinalStatesAreKept() {
        StoredOrder valid = order(OrderStatus.VALID, NOW.minusSeconds(60));

        assertThat(StatusRules.order(valid, List.of(snapshot("a", AuthorizationStatus.EXPIRED)), NOW).status())
                .isEqualTo(OrderStatus.VALID);
        assertThat(StatusRules.order(order(OrderStatus.PROCESSING, NOW.minusSeconds(1)), List.of(), NOW).status())
                .isEqualTo(OrderStatus.PROCESSING);
    }

    private static AuthorizationSnapshot snapshot(String name, AuthorizationStatus status) {
        return new AuthorizationSnapshot(authz(name, status, NOW.plusSeconds(60), null), status);
    }

    private static StoredAuthorization authz(String name, AuthorizationStatus status, Instant expires, Problem error) {
        ChallengeStatus challengeStatus = error == null ? ChallengeStatus.PENDING : ChallengeStatus.INVALID;
        return new StoredAuthorization("authz-" + name, "acct", Identifier.dns(name + ".example.com"), false, status,
                expires, List.of(new StoredChallenge("ch-" + name, "authz-" + name, "http-01", "tok", challengeStatus,
                        null, error)), NOW.minusSeconds(3600));
    }

    private static StoredOrder order(OrderStatus status, Instant expires) {
        return new StoredOrder("order", "acct", status, expires, List.of(Identifier.dns("a.example.com")), null, null,
                null, null, List.of("authz-a"), null, null, NOW.minusSeconds(3600));
    }
}
