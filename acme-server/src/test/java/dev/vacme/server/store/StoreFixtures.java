package dev.vacme.server.store;

import dev.vacme.common.model.AccountStatus;
import dev.vacme.common.model.AuthorizationStatus;
import dev.vacme.common.model.ChallengeStatus;
import dev.vacme.common.model.Identifier;
import dev.vacme.common.model.OrderStatus;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Entities with predictable values, and blocking helpers that only tests may use. */
final class StoreFixtures {

    /** The fixed "now" of every test; instants are whole milliseconds, as stored. */
    static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");

    private static final long TIMEOUT_SECONDS = 30;

    private StoreFixtures() {
    }

    static Instant at(Duration offset) {
        return T0.plus(offset);
    }

    static StoredAccount account(String id, String thumbprint) {
        return new StoredAccount(id, "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + thumbprint + "\"}", thumbprint,
                AccountStatus.VALID, List.of("mailto:admin@example.org"), true, null, T0);
    }

    /** A pending authorization for {@code name} expiring in seven days, with http-01 and dns-01 challenges. */
    static StoredAuthorization authorization(String id, String accountId, String name) {
        return authorization(id, accountId, Identifier.dns(name), false, AuthorizationStatus.PENDING, at(Duration.ofDays(7)));
    }

    static StoredAuthorization authorization(String id, String accountId, Identifier identifier, boolean wildcard,
            AuthorizationStatus status, Instant expires) {
        List<StoredChallenge> challenges = List.of(
                new StoredChallenge(id + "-http", id, "http-01", "token-" + id + "-http", ChallengeStatus.PENDING, null, null),
                new StoredChallenge(id + "-dns", id, "dns-01", "token-" + id + "-dns", ChallengeStatus.PENDING, null, null));
        return new StoredAuthorization(id, accountId, identifier, wildcard, status, expires, challenges, T0);
    }

    /** A pending order expiring in seven days, for the authorizations' identifiers. */
    static StoredOrder order(String id, String accountId, List<StoredAuthorization> authorizations) {
        return order(id, accountId, OrderStatus.PENDING, at(Duration.ofDays(7)), T0, authorizations);
    }

    static StoredOrder order(String id, String accountId, OrderStatus status, Instant expires, Instant createdAt,
            List<StoredAuthorization> authorizations) {
        return new StoredOrder(id, accountId, status, expires,
                authorizations.stream().map(StoredAuthorization::identifier).toList(),
                null, null, null, null,
                authorizations.stream().map(StoredAuthorization::id).toList(),
                null, null, createdAt);
    }

    static StoredCertificate certificate(String serial, String accountId, String orderId) {
        return new StoredCertificate(serial, accountId, orderId, List.of(Identifier.dns("a.test")),
                "-----BEGIN CERTIFICATE-----\nMIIB" + serial + "\n-----END CERTIFICATE-----\n",
                T0.minus(Duration.ofMinutes(1)), at(Duration.ofDays(90)), T0, null, null, null, "issuer-a");
    }

    /** Waits for a future's result; a failure is rethrown. */
    static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits for a future that must fail, and returns why it failed. */
    static Throwable awaitFailure(Future<?> future) {
        try {
            Object result = future.toCompletionStage().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            throw new AssertionError("expected a failure, got " + result);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits for all futures, returning their results in order. */
    static <T> List<T> awaitAll(List<Future<T>> futures) {
        await(Future.all(futures));
        return futures.stream().map(Future::result).toList();
    }
}
