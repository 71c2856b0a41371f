package dev.vacme.server.ra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.common.model.AccountStatus;
import dev.vacme.common.model.AuthorizationStatus;
import dev.vacme.common.model.ChallengeStatus;
import dev.vacme.common.model.Identifier;
import dev.vacme.common.model.OrderStatus;
import dev.vacme.common.problem.ProblemType;
import dev.vacme.server.store.Store;
import dev.vacme.server.store.StoreLocation;
import dev.vacme.server.store.StoredAccount;
import dev.vacme.server.store.StoredAuthorization;
import dev.vacme.server.store.StoredChallenge;
import dev.vacme.server.store.StoredOrder;
import dev.vacme.server.store.Stores;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InterruptedWorkRecoveryTest {

    private static final Instant T0 = Instant.parse("2026-11-22T12:00:00Z");

    @TempDir
    Path dir;

    private Vertx vertx;
    private Store store;

    @BeforeEach
    void open() {
        vertx = Vertx.vertx();
        store = await(Stores.open(vertx, StoreLocation.sqlite(dir.resolve("vacme.db"))));
        await(store.insertAccountIfAbsent(new StoredAccount("acct", "{}", "tp", AccountStatus.VALID, List.of(), true,
                null, T0)));
        for (String id : List.of("old", "new")) {
            insertOrder("order-" + id, authorization("authz-valid-" + id, id, AuthorizationStatus.VALID));
            insertOrder("challenged-" + id, authorization("authz-" + id, id, AuthorizationStatus.PENDING));
        }
        Instant longAgo = T0.minus(InterruptedWorkRecovery.GRACE).minusSeconds(1);
        await(store.beginProcessing("order-old", longAgo));
        await(store.startChallenge("chall-old", longAgo));
        await(store.beginProcessing("order-new", T0.minusSeconds(10)));
        await(store.startChallenge("chall-new", T0.minusSeconds(10)));
    }

    private void insertOrder(String id, StoredAuthorization authz) {
        await(store.insertOrder(new StoredOrder(id, "acct", OrderStatus.PENDING, T0.plusSeconds(86400),
                List.of(authz.identifier()), null, null, null, null, List.of(authz.id()), null, null, T0),
                List.of(authz), null));
    }

    private static StoredAuthorization authorization(String id, String name, AuthorizationStatus status) {
        String challengeId = id.replace("authz", "chall");
        return new StoredAuthorization(id, "acct", Identifier.dns(name + ".test"), false, status,
                T0.plusSeconds(86400), List.of(new StoredChallenge(challengeId, id, "http-01", "tok-" + challengeId,
                        ChallengeStatus.PENDING, null, null)), T0);
    }

    private static <T> T await(io.vertx.core.Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @AfterEach
    void close() {
        await(store.close());
        await(vertx.close());
    }

    @Test
    void failsOnlyWorkOlderThanTheGracePeriod() {
        int failed = await(new InterruptedWorkRecovery(store, Clock.fixed(T0, ZoneOffset.UTC)).run());

        assertThat(failed).isEqualTo(2);
        StoredOrder oldOrder = await(store.findOrder("order-old")).orElseThrow();
        assertThat(oldOrder.status()).isEqualTo(OrderStatus.INVALID);
        assertThat(oldOrder.error().kind()).isEqualTo(ProblemType.SERVER_INTERNAL);
        StoredAuthorization oldAuthz = await(store.findAuthorization("authz-old")).orElseThrow();
        assertThat(oldAuthz.status()).isEqualTo(AuthorizationStatus.INVALID);
        assertThat(oldAuthz.challenges().get(0).error().detail()).startsWith("validation was interrupted");
        assertThat(await(store.findOrder("order-new")).orElseThrow().status()).isEqualTo(OrderStatus.PROCESSING);
        assertThat(await(store.findAuthorization("authz-new")).orElseThrow().challenges().get(0).status())
                .isEqualTo(ChallengeStatus.PROCESSING);
    }
}
