package dev.vacme.server.ra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.common.model.AccountStatus;
import dev.vacme.common.model.Identifier;
import dev.vacme.common.problem.Problem;
import dev.vacme.common.problem.ProblemType;
import dev.vacme.common.testing.SettableClock;
import dev.vacme.server.AcmeProblemException;
import dev.vacme.server.store.Store;
import dev.vacme.server.store.StoreLocation;
import dev.vacme.server.store.StoredAccount;
import dev.vacme.server.store.Stores;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each rate limit's window, counted in a real store, against a clock the test moves. */
class RateLimiterTest {

    private static final Instant T0 = Instant.parse("2026-11-30T12:00:00Z");
    private static final URI HELP = URI.create("https://acme.example.com/docs/rate-limits");
    private static final String URL = "https://acme.example.com/acme/acct/";
    private static final PublicSuffixes SUFFIXES = PublicSuffixes.parse(List.of("// a few rules of each kind",
            "com", "uk", "co.uk", "jp", "*.kawasaki.jp", "!city.kawasaki.jp", "*.ck", "!www.ck", "",
            "// ===BEGIN PRIVATE DOMAINS===", "io", "github.io"));

    @TempDir
    Path dir;

    private Vertx vertx;
    private Store store;
    private final SettableClock clock = new SettableClock(T0);

    @BeforeEach
    void open() {
        vertx = Vertx.vertx();
        store = await(Stores.open(vertx, StoreLocation.sqlite(dir.resolve("vacme.db"))));
    }

    @AfterEach
    void close() {
        await(store.close());
        await(vertx.close());
    }

    // --- new-accounts-per-ip ------------------------------------------------------------------------

    @Test
    void theThirdAccountFromOneAddressWithinTheWindowWaitsForTheFirstToLeaveIt() {
        RateLimiter limiter = limiter(Map.of("new-accounts-per-ip", RateLimit.parse("2/1h")));
        await(limiter.admitNewAccount("192.0.2.7"));
        clock.set(T0.plus(Duration.ofMinutes(10)));
        await(limiter.admitNewAccount("192.0.2.7"));
        clock.set(T0.plus(Duration.ofMinutes(20)));

        AcmeProblemException refused = refusal(limiter.admitNewAccount("192.0.2.7"));

        assertThat(refused.problem()).isEqualTo(Problem.of(ProblemType.RATE_LIMITED, "too many new accounts from "
                + "192.0.2.7: the limit new-accounts-per-ip allows 2/1h; retry after 2400 seconds"));
        assertThat(refused.headers()).containsEntry("Retry-After", "2400")
                .containsEntry("Link", "<" + HELP + ">;rel=\"help\"");
        assertThat(await(store.rateLimitEventTimes("new-accounts-per-ip", "192.0.2.7", T0, 10)))
                .as("a refused attempt counts nothing").hasSize(2);
        await(limiter.admitNewAccount("192.0.2.8"));

        clock.set(T0.plus(Duration.ofHours(1)).minusMillis(1));
        assertThat(refusal(limiter.admitNewAccount("192.0.2.7")).headers()).containsEntry("Retry-After", "1");
        clock.set(T0.plus(Duration.ofHours(1)));
        assertThat(refusal(limiter.admitNewAccount("192.0.2.7")).headers()).containsEntry("Retry-After", "1");
        clock.set(T0.plus(Duration.ofHours(1)).plusMillis(1));
        await(limiter.admitNewAccount("192.0.2.7"));
    }

    @Test
    void ipv6AddressesCountPerSlash64() {
        RateLimiter limiter = limiter(Map.of("new-accounts-per-ip", RateLimit.parse("1/1d")));
        await(limiter.admitNewAccount("2001:db8:1:2::10"));

        AcmeProblemException refused = refusal(limiter.admitNewAccount("2001:db8:1:2:ffff::99"));

        assertThat(refused.problem().detail()).isEqualTo("too many new accounts from 2001:db8:1:2:0:0:0:0/64: "
                + "the limit new-accounts-per-ip allows 1/1d; retry after 86400 seconds");
        await(limiter.admitNewAccount("2001:db8:1:3::10"));
    }

    @Test
    void addressesAreGroupedWithoutLookingUpNames() {
        assertThat(ClientAddresses.group("192.0.2.7")).isEqualTo("192.0.2.7");
        assertThat(ClientAddresses.group("::ffff:192.0.2.7")).isEqualTo("192.0.2.7");
        assertThat(ClientAddresses.group("2001:db8::1")).isEqualTo("2001:db8:0:0:0:0:0:0/64");
        assertThat(ClientAddresses.group("localhost")).isEqualTo("unknown");
        assertThat(ClientAddresses.group(null)).isEqualTo("unknown");
    }

    @Test
    void anUnconfiguredLimitNeitherRefusesNorRecords() {
        RateLimiter none = limiter(Map.of());
        for (int i = 0; i < 3; i++) {
            await(none.admitNewAccount("192.0.2.7"));
            await(none.admitNewOrder(account("alice")));
            await(none.admitIssuance(account("alice"), List.of(Identifier.dns("a.example.com")), false));
        }
        assertThat(await(store.rateLimitEventTimes("new-accounts-per-ip", "192.0.2.7", T0, 10))).isEmpty();
        assertThat(await(store.rateLimitEventTimes("new-orders-per-account", "alice", T0, 10))).isEmpty();
        assertThat(await(store.purgeRateLimitEvents(T0.plusSeconds(1)))).isZero();
    }

    // --- new-orders-per-account ----------------------------------------------------------------------

    @Test
    void theThirdOrderOfAnAccountWithinTheWindowIsRefusedAndOthersAreNot() {
        RateLimiter limiter = limiter(Map.of("new-orders-per-account", RateLimit.parse("2/3h")));
        await(limiter.admitNewOrder(account("alice")));
        clock.set(T0.plus(Duration.ofHours(1)));
        await(limiter.admitNewOrder(account("alice")));

        AcmeProblemException refused = refusal(limiter.admitNewOrder(account("alice")));

        assertThat(refused.problem()).isEqualTo(Problem.of(ProblemType.RATE_LIMITED, "too many new orders for this "
                + "account: the limit new-orders-per-account allows 2/3h; retry after 7200 seconds"));
        await(limiter.admitNewOrder(account("bob")));
    }

    // --- certificates-per-domain ---------------------------------------------------------------------

    @Test
    void certificatesCountOncePerRegisteredDomainWithinTheWindow() {
        RateLimiter limiter = limiter(Map.of("certificates-per-domain", RateLimit.parse("2/7d")));
        StoredAccount alice = account("alice");
        await(limiter.admitIssuance(alice, List.of(Identifier.dns("example.com"), Identifier.dns("www.example.com")),
                false));
        clock.set(T0.plus(Duration.ofDays(1)));
        await(limiter.checkNewCertificate(alice, List.of(Identifier.dns("shop.example.com")), false));
        await(limiter.admitIssuance(alice, List.of(Identifier.dns("*.shop.example.com"), Identifier.ip("192.0.2.7")),
                false));

        AcmeProblemException early = refusal(limiter.checkNewCertificate(alice,
                List.of(Identifier.dns("other.test"), Identifier.dns("api.EXAMPLE.com")), false));
        AcmeProblemException atFinalize = refusal(limiter.admitIssuance(alice,
                List.of(Identifier.dns("other.test"), Identifier.dns("api.example.com")), false));

        Problem expected = Problem.of(ProblemType.RATE_LIMITED, "too many certificates for the registered domain "
                + "example.com: the limit certificates-per-domain allows 2/7d; retry after 518400 seconds");
        assertThat(early.problem()).isEqualTo(expected);
        assertThat(atFinalize.problem()).isEqualTo(expected);
        assertThat(early.headers()).containsEntry("Retry-After", "518400");
        assertThat(await(store.rateLimitEventTimes("certificates-per-domain", "other.test", T0, 10)))
                .as("a refused issuance counts none of its domains").isEmpty();
        await(limiter.checkNewCertificate(alice, List.of(Identifier.dns("other.test"), Identifier.ip("192.0.2.7")),
                false));
        clock.set(T0.plus(Duration.ofDays(7)).plusMillis(1));
        await(limiter.checkNewCertificate(alice, List.of(Identifier.dns("api.example.com")), false));
    }

    @Test
    void customersUnderOnePublicSuffixDoNotShareTheDomainLimit() {
        RateLimiter limiter = limiter(Map.of("certificates-per-domain", RateLimit.parse("1/7d")));
        StoredAccount alice = account("alice");
        await(limiter.admitIssuance(alice, List.of(Identifier.dns("www.alice.co.uk")), false));
        await(limiter.admitIssuance(alice, List.of(Identifier.dns("bob.co.uk")), false));
        await(limiter.admitIssuance(alice, List.of(Identifier.dns("alice.github.io")), false));
        await(limiter.admitIssuance(alice, List.of(Identifier.dns("bob.github.io")), false));

        assertThat(refusal(limiter.checkNewCertificate(alice, List.of(Identifier.dns("shop.alice.co.uk")), false))
                .problem().detail()).startsWith("too many certificates for the registered domain alice.co.uk:");
    }

    @Test
    void aRenewalOfTheSameNamesIsExemptFromTheDomainLimit() {
        RateLimiter limiter = limiter(Map.of("certificates-per-domain", RateLimit.parse("1/7d")));
        await(limiter.admitIssuance(account("alice"), List.of(Identifier.dns("www.example.com")), false));

        assertThat(refusal(limiter.checkNewCertificate(account("alice"), List.of(Identifier.dns("www.example.com")),
                false)).problem().kind()).isEqualTo(ProblemType.RATE_LIMITED);
        await(limiter.checkNewCertificate(account("alice"), List.of(Identifier.dns("www.example.com")), true));
        await(limiter.admitIssuance(account("alice"), List.of(Identifier.dns("www.example.com")), true));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "www.shop.example.com | example.com",
        "*.example.com        | example.com",
        "Example.COM.         | example.com",
        "a.example.co.uk      | example.co.uk",
        "co.uk                | co.uk",
        "a.b.alice.github.io  | alice.github.io",
        "x.y.city.kawasaki.jp | city.kawasaki.jp",
        "foo.kawasaki.jp      | foo.kawasaki.jp",
        "a.www.ck             | www.ck",
        "a.b.other.ck         | b.other.ck",
        "host.corp.internal   | corp.internal",
        "localhost            | localhost",
    })
    void theRegisteredDomainIsThePublicSuffixAndOneLabel(String name, String registered) {
        assertThat(RegisteredDomains.of(name, SUFFIXES)).isEqualTo(registered);
    }

    @Test
    void withoutAListTheRegisteredDomainIsTheLastTwoLabels() {
        assertThat(RegisteredDomains.of("a.example.co.uk", PublicSuffixes.TOP_LEVEL_ONLY)).isEqualTo("co.uk");
        assertThat(RegisteredDomains.of("www.shop.example.com", PublicSuffixes.TOP_LEVEL_ONLY))
                .isEqualTo("example.com");
    }

    // --- duplicate-certificates ----------------------------------------------------------------------

    @Test
    void certificatesForExactlyTheSameNamesInAnyOrderAndCaseCountTogether() {
        RateLimiter limiter = limiter(Map.of("duplicate-certificates", RateLimit.parse("2/7d")));
        StoredAccount alice = account("alice");
        await(limiter.admitIssuance(alice, List.of(Identifier.dns("a.example.com"), Identifier.dns("b.example.com")),
                true));
        clock.set(T0.plus(Duration.ofDays(2)));
        await(limiter.admitIssuance(alice, List.of(Identifier.dns("b.example.com"), Identifier.dns("a.example.com")),
                true));
        clock.set(T0.plus(Duration.ofDays(3)));

        AcmeProblemException refused = refusal(limiter.checkNewCertificate(alice,
                List.of(Identifier.dns("B.example.com"), Identifier.dns("a.example.com")), true));

        assertThat(refused.problem()).isEqualTo(Problem.of(ProblemType.RATE_LIMITED, "too many certificates for "
                + "exactly these names: the limit duplicate-certificates allows 2/7d; retry after 345600 seconds"));
        await(limiter.checkNewCertificate(alice, List.of(Identifier.dns("a.example.com")), false));
        await(limiter.checkNewCertificate(alice, List.of(Identifier.dns("a.example.com"),
                Identifier.dns("b.example.com"), Identifier.dns("c.example.com")), false));
        clock.set(T0.plus(Duration.ofDays(7)).plusMillis(1));
        await(limiter.checkNewCertificate(alice, List.of(Identifier.dns("a.example.com"),
                Identifier.dns("b.example.com")), false));
    }

    // --- failed-validations-per-account-and-name -----------------------------------------------------

    @Test
    void failedValidationsCountPerAccountAndNameAndBlockNewOrdersForThatName() {
        RateLimiter limiter = limiter(Map.of("failed-validations-per-account-and-name", RateLimit.parse("2/1h")));
        StoredAccount alice = account("alice");
        await(limiter.recordFailedValidation(alice, Identifier.dns("www.example.com")));
        clock.set(T0.plus(Duration.ofMinutes(30)));
        await(limiter.recordFailedValidation(alice, Identifier.dns("www.example.com")));

        AcmeProblemException refused = refusal(limiter.checkFailedValidations(alice,
                List.of(Identifier.dns("ok.example.com"), Identifier.dns("*.www.example.com"))));

        assertThat(refused.problem()).isEqualTo(Problem.of(ProblemType.RATE_LIMITED, "too many failed validations "
                + "of www.example.com for this account: the limit failed-validations-per-account-and-name allows "
                + "2/1h; retry after 1800 seconds"));
        await(limiter.checkFailedValidations(alice, List.of(Identifier.dns("ok.example.com"))));
        await(limiter.checkFailedValidations(account("bob"), List.of(Identifier.dns("www.example.com"))));
        clock.set(T0.plus(Duration.ofHours(1)).plusMillis(1));
        await(limiter.checkFailedValidations(alice, List.of(Identifier.dns("www.example.com"))));
    }

    // --- account overrides ----------------------------------------------------------------------------

    @ParameterizedTest(name = "[{index}] {0} gets {1} orders per hour")
    @CsvSource(delimiter = '|', value = {
        "big      | 5",
        "free     | 20",
        "ordinary | 2",
    })
    void anAccountOverrideReplacesTheDefaultForThatAccountOnly(String account, int admitted) {
        RateLimiter limiter = new RateLimiter(store, Map.of("new-orders-per-account", RateLimit.parse("2/1h"),
                "certificates-per-domain", RateLimit.parse("1/7d")),
                List.of(new RateLimitOverride(URL + "big", Map.of("new-orders-per-account", RateLimit.parse("5/1h")),
                                Set.of()),
                        new RateLimitOverride(URL + "free", Map.of(), Set.of("new-orders-per-account"))),
                id -> URL + id, SUFFIXES, Optional.of(HELP), clock);

        int passed = 0;
        for (int i = 0; i < 20; i++) {
            if (limiter.admitNewOrder(account(account)).toCompletionStage().toCompletableFuture()
                    .handle((ok, error) -> error == null).join()) {
                passed++;
            }
        }

        assertThat(passed).isEqualTo(admitted);
        await(limiter.admitIssuance(account(account), List.of(Identifier.dns("a.example.com")), false));
        assertThat(refusal(limiter.admitIssuance(account(account), List.of(Identifier.dns("b.example.com")), false))
                .problem().detail()).as("limits the override does not name keep their default")
                .contains("certificates-per-domain allows 1/7d");
    }

    @Test
    void oldEventsArePurgedPastTheLongestWindowOfAnyDefaultOrOverride() {
        RateLimiter limiter = new RateLimiter(store, Map.of("new-accounts-per-ip", RateLimit.parse("5/1h")),
                List.of(new RateLimitOverride(URL + "big", Map.of("certificates-per-domain", RateLimit.parse("9/2d")),
                        Set.of())),
                id -> URL + id, SUFFIXES, Optional.empty(), clock);
        await(store.recordRateLimitEvents("new-accounts-per-ip", List.of("a"), T0.minus(Duration.ofDays(3))));
        await(store.recordRateLimitEvents("new-accounts-per-ip", List.of("b"), T0.minus(Duration.ofDays(1))));

        assertThat(limiter.longestWindow()).contains(Duration.ofDays(2));
        assertThat(await(limiter.purgeOldEvents())).isEqualTo(1);
        assertThat(RateLimiter.none(store, clock).longestWindow()).isEmpty();
        assertThat(await(RateLimiter.none(store, clock).purgeOldEvents())).as("no limit: every past event goes")
                .isEqualTo(1);
    }

    private static StoredAccount account(String id) {
        return new StoredAccount(id, "{}", "thumbprint-" + id, AccountStatus.VALID, List.of(), true, null, T0);
    }

    private RateLimiter limiter(Map<String, RateLimit> limits) {
        return new RateLimiter(store, limits, List.of(), id -> URL + id, SUFFIXES, Optional.of(HELP), clock);
    }

    private static AcmeProblemException refusal(Future<?> future) {
        try {
            future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof AcmeProblemException problem) {
                return problem;
            }
            throw new AssertionError("expected a problem, got " + e.getCause(), e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        throw new AssertionError("expected a refusal, but the request was allowed");
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

}
