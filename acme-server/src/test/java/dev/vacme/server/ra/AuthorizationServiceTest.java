package dev.vacme.server.ra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.common.model.AccountStatus;
import dev.vacme.common.model.AuthorizationStatus;
import dev.vacme.common.model.ChallengeStatus;
import dev.vacme.common.model.Identifier;
import dev.vacme.common.model.OrderStatus;
import dev.vacme.common.jws.Jwks;
import dev.vacme.common.pki.KeyType;
import dev.vacme.server.AcmeProblemException;
import dev.vacme.server.audit.AuditLog;
import dev.vacme.server.store.Store;
import dev.vacme.server.store.StoreLocation;
import dev.vacme.server.store.StoreUnavailableException;
import dev.vacme.server.store.StoredAccount;
import dev.vacme.server.store.StoredAuthorization;
import dev.vacme.server.store.StoredChallenge;
import dev.vacme.server.store.StoredOrder;
import dev.vacme.server.store.Stores;
import dev.vacme.server.va.ValidationAuthority;
import dev.vacme.server.va.ValidationOutcome;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthorizationServiceTest {

    private static final Instant T0 = Instant.parse("2026-11-22T12:00:00Z");

    @TempDir
    Path dir;

    private Vertx vertx;
    private Store store;
    private StoredAccount account;

    @BeforeEach
    void open() {
        vertx = Vertx.vertx();
        store = await(Stores.open(vertx, StoreLocation.sqlite(dir.resolve("vacme.db"))));
        var key = Jwks.fromPublicKey(KeyType.EC_P256.generate().getPublic());
        account = await(store.insertAccountIfAbsent(new StoredAccount("acct", key.toJSONString(),
                Jwks.thumbprint(key), AccountStatus.VALID, List.of(), true, null, T0)));
        StoredAuthorization authz = new StoredAuthorization("authz", "acct", Identifier.dns("a.test"), false,
                AuthorizationStatus.PENDING, T0.plusSeconds(3600), List.of(new StoredChallenge("chall", "authz",
                        "http-01", "token-with-enough-entropy-000", ChallengeStatus.PENDING, null, null)), T0);
        await(store.insertOrder(new StoredOrder("order", "acct", OrderStatus.PENDING, T0.plusSeconds(3600),
                List.of(authz.identifier()), null, null, null, null, List.of("authz"), null, null, T0),
                List.of(authz), null));
    }

    @AfterEach
    void close() {
        await(store.close());
        await(vertx.close());
    }

    @Test
    void aSaturatedValidationAuthorityTurnsTheResponseAwayWithRetryAfter() {
        ValidationAuthority saturated = new ValidationAuthority() {
            @Override
            public Future<ValidationOutcome> validate(dev.vacme.server.va.ValidationRequest request) {
                throw new AssertionError("must not be called");
            }

            @Override
            public boolean acceptsMore(String accountId, Identifier identifier) {
                return false;
            }
        };
        AuthorizationService service = new AuthorizationService(store, new StoreRetry(vertx), saturated,
                RaSettings.defaults(Duration.ofDays(90), Optional.empty()), Clock.fixed(T0, ZoneOffset.UTC),
                AuditLog.NONE, RateLimiter.none(store, Clock.fixed(T0, ZoneOffset.UTC)));

        Throwable failure = awaitFailure(service.respond(account, "authz", "chall"));

        assertThat(failure).isInstanceOfSatisfying(AcmeProblemException.class, e -> {
            assertThat(e.problem().type()).isEqualTo("urn:ietf:params:acme:error:rateLimited");
            assertThat(e.problem().status()).isEqualTo(429);
            assertThat(e.headers()).containsEntry("Retry-After", "10");
        });
        assertThat(await(store.findAuthorization("authz")).orElseThrow().challenges().get(0).status())
                .isEqualTo(ChallengeStatus.PENDING);
    }

    @Test
    void aValidationOutcomeIsRecordedOnceTheDatabaseIsBack() {
        AtomicInteger refused = new AtomicInteger();
        Store flaky = failingCompleteChallenge(store, 2, refused);
        ValidationAuthority valid = request -> Future.succeededFuture(ValidationOutcome.valid());
        AuthorizationService service = new AuthorizationService(flaky,
                new StoreRetry(vertx, List.of(Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofMillis(10))),
                valid, RaSettings.defaults(Duration.ofDays(90), Optional.empty()), Clock.fixed(T0, ZoneOffset.UTC),
                AuditLog.NONE, RateLimiter.none(store, Clock.fixed(T0, ZoneOffset.UTC)));

        await(service.respond(account, "authz", "chall"));

        assertThat(refused).hasValue(2);
        assertThat(await(store.findAuthorization("authz")).orElseThrow().challenges().get(0).status())
                .isEqualTo(ChallengeStatus.VALID);
    }

    @Test
    void aFailedValidationIsCountedForTheFailedValidationsLimit() {
        ValidationAuthority failing = request -> Future.succeededFuture(ValidationOutcome.invalid(
                dev.vacme.common.problem.Problem.of(dev.vacme.common.problem.ProblemType.UNAUTHORIZED,
                        "the key authorization did not match")));
        Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
        AuthorizationService service = new AuthorizationService(store, new StoreRetry(vertx), failing,
                RaSettings.defaults(Duration.ofDays(90), Optional.empty()), clock, AuditLog.NONE,
                new RateLimiter(store, java.util.Map.of("failed-validations-per-account-and-name",
                        RateLimit.parse("5/1h")), Optional.empty(), clock));

        await(service.respond(account, "authz", "chall"));

        assertThat(await(store.findAuthorization("authz")).orElseThrow().challenges().get(0).status())
                .isEqualTo(ChallengeStatus.INVALID);
        assertThat(await(store.rateLimitEventTimes("failed-validations-per-account-and-name", "acct dns:a.test",
                T0, 10))).containsExactly(T0);
    }

    /** The store, except that its first {@code times} completeChallenge calls fail as in an outage. */
    private static Store failingCompleteChallenge(Store store, int times, AtomicInteger refused) {
        return (Store) Proxy.newProxyInstance(Store.class.getClassLoader(), new Class<?>[] {Store.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("completeChallenge") && refused.get() < times) {
                        refused.incrementAndGet();
                        return Future.failedFuture(new StoreUnavailableException("the database is down", null));
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static Throwable awaitFailure(Future<?> future) {
        try {
            future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("expected a failure");
    }
}
