package dev.vacme.server.ra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.common.jws.Jwks;
import dev.vacme.common.model.AccountStatus;
import dev.vacme.common.model.AuthorizationStatus;
import dev.vacme.common.model.ChallengeStatus;
import dev.vacme.common.model.Identifier;
import dev.vacme.common.model.OrderStatus;
import dev.vacme.common.pki.KeyType;
import dev.vacme.common.problem.Problem;
import dev.vacme.common.problem.ProblemType;
import dev.vacme.server.AcmeProblemException;
import dev.vacme.server.store.Store;
import dev.vacme.server.store.StoreLocation;
import dev.vacme.server.store.StoredAccount;
import dev.vacme.server.store.StoredAuthorization;
import dev.vacme.server.store.StoredChallenge;
import dev.vacme.server.store.StoredOrder;
import dev.vacme.server.store.Stores;
import dev.vacme.server.testing.ChallengeTestServer;
import dev.vacme.server.va.CaaChecker;
import dev.vacme.server.va.CaaPolicy;
import dev.vacme.server.va.DnsJavaClient;
import dev.vacme.server.va.DnsServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CAA recheck at finalize: validations older than 8 hours are checked again, younger ones
 * are not; refusals are {@code caa} with a subproblem per identifier. The CAA records come from
 * pebble-challtestsrv, the authorizations from a real SQLite store, the time from a fixed clock.
 */
class CaaRecheckTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    @TempDir
    Path dir;

    private Vertx vertx;
    private Store store;
    private ChallengeTestServer dns;
    private CaaRecheck recheck;

    @BeforeEach
    void open() {
        vertx = Vertx.vertx();
        store = await(Stores.open(vertx, StoreLocation.sqlite(dir.resolve("vacme.db"))));
        var key = Jwks.fromPublicKey(KeyType.EC_P256.generate().getPublic());
        await(store.insertAccountIfAbsent(new StoredAccount("acct", key.toJSONString(), Jwks.thumbprint(key),
                AccountStatus.VALID, List.of(), true, null, NOW.minus(Duration.ofDays(2)))));
        dns = ChallengeTestServer.start(dir.resolve("challtestsrv.log"));
        dns.addCaa("old.test", List.of("issue ca.example"));
        dns.addCaa("fresh.test", List.of("issue ca.example"));
        dns.addCaa("allowed.test", List.of("issue vacme.test"));
        CaaChecker checker = new CaaChecker(new DnsJavaClient(vertx, Optional.of(DnsServer.parse(dns.resolver())),
                Duration.ofSeconds(5)), new CaaPolicy(List.of("vacme.test")), id -> "https://acme.test/acct/" + id);
        recheck = new CaaRecheck(store, checker, Duration.ofHours(8), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        dns.close();
        await(store.close());
        await(vertx.close());
    }

    @Test
    void onlyValidationsOlderThanTheAgeAreCheckedAgain() {
        OrderSnapshot order = order("o1", authorization("fresh.test", false, Duration.ofHours(7)),
                authorization("allowed.test", false, Duration.ofHours(9)));

        await(recheck.beforeIssuing(order));
    }

    @Test
    void aStaleValidationWhoseCaaNowNamesAnotherCaIsRefusedWithCaa() {
        OrderSnapshot order = order("o2", authorization("old.test", true, Duration.ofHours(9)),
                authorization("fresh.test", false, Duration.ofHours(1)));

        Problem problem = problem(recheck.beforeIssuing(order));

        Problem refusal = Problem.of(ProblemType.CAA, "CAA records at old.test forbid issuance for *.old.test: the "
                + "CAA issue records permit only: ca.example (this CA is vacme.test)")
                .withIdentifier(Identifier.dns("*.old.test"));
        assertThat(problem).isEqualTo(Problem.of(ProblemType.CAA, refusal.detail()).withSubproblems(List.of(refusal)));
    }

    @Test
    void severalRefusalsAreOneCaaProblemWithASubproblemEach() {
        OrderSnapshot order = order("o3", authorization("old.test", false, Duration.ofHours(9)),
                authorization("fresh.test", false, Duration.ofHours(10)));

        Problem problem = problem(recheck.beforeIssuing(order));

        assertThat(problem.type()).isEqualTo(ProblemType.CAA.urn());
        assertThat(problem.detail()).isEqualTo("CAA records forbid issuance for 2 of the identifiers; see the subproblems");
        assertThat(problem.subproblems()).extracting(Problem::identifier)
                .containsExactly(Identifier.dns("old.test"), Identifier.dns("fresh.test"));
    }

    private StoredAuthorization authorization(String name, boolean wildcard, Duration validatedAgo) {
        String id = "authz-" + name + "-" + validatedAgo.toHours();
        return new StoredAuthorization(id, "acct", Identifier.dns(name), wildcard, AuthorizationStatus.VALID,
                NOW.plus(Duration.ofDays(20)), List.of(new StoredChallenge("chall-" + id, id, "dns-01",
                        "token-" + id, ChallengeStatus.VALID, NOW.minus(validatedAgo), null)), NOW.minus(validatedAgo));
    }

    private OrderSnapshot order(String id, StoredAuthorization... authorizations) {
        List<Identifier> identifiers = new ArrayList<>();
        for (StoredAuthorization authz : authorizations) {
            identifiers.add(authz.wildcard() ? Identifier.dns("*." + authz.identifier().value()) : authz.identifier());
        }
        StoredOrder order = new StoredOrder(id, "acct", OrderStatus.PENDING, NOW.plus(Duration.ofDays(1)), identifiers,
                null, null, null, null, List.of(authorizations).stream().map(StoredAuthorization::id).toList(), null,
                null, NOW);
        await(store.insertOrder(order, List.of(authorizations), null));
        return new OrderSnapshot(order, OrderStatus.READY, null);
    }

    private static Problem problem(Future<Void> future) {
        try {
            future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(AcmeProblemException.class);
            return ((AcmeProblemException) e.getCause()).problem();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("expected a refusal");
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
