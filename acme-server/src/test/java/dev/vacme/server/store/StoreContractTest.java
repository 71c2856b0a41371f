package dev.vacme.server.store;

import static dev.vacme.server.store.StoreFixtures.T0;
import static dev.vacme.server.store.StoreFixtures.account;
import static dev.vacme.server.store.StoreFixtures.at;
import static dev.vacme.server.store.StoreFixtures.authorization;
import static dev.vacme.server.store.StoreFixtures.await;
import static dev.vacme.server.store.StoreFixtures.awaitAll;
import static dev.vacme.server.store.StoreFixtures.awaitFailure;
import static dev.vacme.server.store.StoreFixtures.certificate;
import static dev.vacme.server.store.StoreFixtures.order;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.common.model.AccountStatus;
import dev.vacme.common.model.AuthorizationStatus;
import dev.vacme.common.model.ChallengeStatus;
import dev.vacme.common.model.Identifier;
import dev.vacme.common.model.OrderStatus;
import dev.vacme.common.problem.Problem;
import dev.vacme.common.problem.ProblemType;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every {@link Store} engine passes. Each test gets a fresh, empty store from
 * {@link #openFreshStore}; races fire {@value #RACERS} concurrent calls and expect exactly one winner.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StoreContractTest {

    static final int RACERS = 16;

    private static final Instant LATER = at(Duration.ofDays(10));
    private static final Identifier IP = Identifier.ip("10.0.0.1");

    protected Vertx vertx;
    protected Store store;

    /** Opens a fresh store with an empty schema. */
    protected abstract Future<Store> openFreshStore();

    /** Removes what {@link #openFreshStore} created; the store is already closed. */
    protected void dropFreshStore() {
    }

    @BeforeAll
    void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    void stopVertx() {
        await(vertx.close());
    }

    @BeforeEach
    void openStore() {
        store = await(openFreshStore());
    }

    @AfterEach
    void closeStore() {
        try {
            if (store != null) {
                await(store.close());
            }
        } finally {
            store = null;
            dropFreshStore();
        }
    }

    /** Stores account {@code acct} and a pending order {@code order} with one authorization {@code authz} for a.test. */
    /** Stores order {@code order} whose one authorization is valid: an order the client sees as ready. */
    StoredOrder storeReadyOrder() {
        await(store.insertAccountIfAbsent(account("acct", "key-1")));
        StoredAuthorization valid = authorization("authz", "acct", Identifier.dns("a.test"), false,
                AuthorizationStatus.VALID, at(Duration.ofDays(30)));
        StoredOrder order = order("order", "acct", List.of(valid));
        assertThat(await(store.insertOrder(order, List.of(valid), null))).isTrue();
        return order;
    }

    StoredOrder storePendingOrder() {
        await(store.insertAccountIfAbsent(account("acct", "key-1")));
        StoredOrder order = order("order", "acct", List.of(authorization("authz", "acct", "a.test")));
        assertThat(await(store.insertOrder(order, List.of(authorization("authz", "acct", "a.test")), null))).isTrue();
        return order;
    }

    // --- server secrets -----------------------------------------------------------------------------

    @Test
    void generatesASecretOnceAndReturnsTheStoredValueAfterwards() {
        AtomicInteger generated = new AtomicInteger();
        byte[] first = await(store.secret("nonce-key", () -> {
            generated.incrementAndGet();
            return new byte[] {1, 2, 3};
        }));
        byte[] second = await(store.secret("nonce-key", () -> {
            generated.incrementAndGet();
            return new byte[] {9};
        }));

        assertThat(first).containsExactly(1, 2, 3);
        assertThat(second).containsExactly(1, 2, 3);
        assertThat(generated).hasValue(1);
    }

    @Test
    void keepsSecretsApartByName() {
        await(store.secret("a", () -> new byte[] {1}));

        assertThat(await(store.secret("b", () -> new byte[] {2}))).containsExactly(2);
    }

    @Test
    void everyRacerGetsTheFirstStoredValue() {
        List<byte[]> results = awaitAll(IntStream.range(0, RACERS)
                .mapToObj(i -> store.secret("shared", () -> ("value-" + i).getBytes(StandardCharsets.UTF_8)))
                .toList());

        byte[] stored = await(store.secret("shared", () -> new byte[] {0}));
        assertThat(new String(stored, StandardCharsets.UTF_8)).startsWith("value-");
        assertThat(results).allSatisfy(result -> assertThat(result).isEqualTo(stored));
    }

    // --- external account binding keys (RFC 8555 §7.3.4) --------------------------------------------

    private static StoredEabKey eabKey(String kid, String label) {
        return new StoredEabKey(kid, new byte[] {1, 2, 3, (byte) 0xff}, label, T0, null, null, null);
    }

    private static StoredAccount boundAccount(String id, String thumbprint, String kid) {
        StoredAccount account = account(id, thumbprint);
        return new StoredAccount(account.id(), account.jwk(), account.keyThumbprint(), account.status(),
                account.contact(), account.termsOfServiceAgreed(), kid, account.createdAt());
    }

    @Test
    void eabKeysAreStoredListedAndRevoked() {
        await(store.insertEabKey(eabKey("kid-1", "payments")));
        await(store.insertEabKey(eabKey("kid-2", null)));

        assertThat(await(store.findEabKey("kid-1")).orElseThrow())
                .satisfies(key -> assertThat(key.hmacKey()).containsExactly(1, 2, 3, 0xff))
                .satisfies(key -> assertThat(key.label()).isEqualTo("payments"))
                .satisfies(key -> assertThat(key.usable()).isTrue());
        assertThat(await(store.findEabKey("kid-3"))).isEmpty();
        assertThat(await(store.listEabKeys())).extracting(StoredEabKey::kid).containsExactly("kid-1", "kid-2");
        assertThat(await(store.revokeEabKey("kid-2", LATER))).isTrue();
        assertThat(await(store.revokeEabKey("kid-2", LATER))).isFalse();
        assertThat(await(store.findEabKey("kid-2")).orElseThrow().revokedAt()).isEqualTo(LATER);
        assertThat(awaitFailure(store.insertEabKey(eabKey("kid-1", "again")))).isNotNull();
    }

    @Test
    void anEabKeyBindsExactlyOneOfManyRacingAccounts() {
        await(store.insertEabKey(eabKey("kid", null)));

        List<Optional<StoredAccount>> results = awaitAll(IntStream.range(0, RACERS)
                .mapToObj(i -> store.insertBoundAccount(boundAccount("acct-" + i, "key-" + i, "kid"), LATER))
                .toList());

        assertThat(results).filteredOn(Optional::isPresent).hasSize(1);
        StoredAccount winner = results.stream().flatMap(Optional::stream).findFirst().orElseThrow();
        assertThat(winner.eabKeyId()).isEqualTo("kid");
        StoredEabKey key = await(store.findEabKey("kid")).orElseThrow();
        assertThat(key.accountId()).isEqualTo(winner.id());
        assertThat(key.boundAt()).isEqualTo(LATER);
        assertThat(IntStream.range(0, RACERS).filter(i -> await(store.findAccount("acct-" + i)).isPresent()))
                .as("the losers left no account behind").hasSize(1);
    }

    @Test
    void aRevokedOrUnknownEabKeyBindsNothing() {
        await(store.insertEabKey(eabKey("revoked", null)));
        await(store.revokeEabKey("revoked", T0));

        assertThat(await(store.insertBoundAccount(boundAccount("a1", "key-1", "revoked"), LATER))).isEmpty();
        assertThat(await(store.insertBoundAccount(boundAccount("a2", "key-2", "unknown"), LATER))).isEmpty();
        assertThat(await(store.findAccount("a1"))).isEmpty();
        assertThat(await(store.findAccount("a2"))).isEmpty();
    }

    // --- nonces (RFC 8555 §6.5) ---------------------------------------------------------------------

    @Test
    void redeemsANonceExactlyOnce() {
        assertThat(await(store.redeemNonce("n1", at(Duration.ofMinutes(5))))).isTrue();
        assertThat(await(store.redeemNonce("n1", at(Duration.ofMinutes(5))))).isFalse();
        assertThat(await(store.redeemNonce("n2", at(Duration.ofMinutes(5))))).isTrue();
    }

    @Test
    void concurrentRedemptionsHaveExactlyOneWinner() {
        List<Boolean> results = awaitAll(IntStream.range(0, RACERS)
                .mapToObj(i -> store.redeemNonce("raced", at(Duration.ofMinutes(5))))
                .toList());

        assertThat(results).containsOnlyOnce(true).hasSize(RACERS);
    }

    @Test
    void concurrentRedemptionsOfManyNoncesEachHaveOneWinner() {
        await(store.redeemNonce("used-before", at(Duration.ofMinutes(5))));
        List<String> ids = IntStream.range(0, 3 * RACERS).mapToObj(i -> "many-" + (i % RACERS)).toList();
        List<Boolean> results = awaitAll(ids.stream()
                .map(id -> store.redeemNonce(id, at(Duration.ofMinutes(5))))
                .toList());
        boolean usedAgain = await(store.redeemNonce("used-before", at(Duration.ofMinutes(5))));

        for (int racer = 0; racer < RACERS; racer++) {
            String id = "many-" + racer;
            assertThat(IntStream.range(0, ids.size()).filter(i -> ids.get(i).equals(id) && results.get(i)).count())
                    .as("first redemptions of %s", id).isEqualTo(1);
        }
        assertThat(usedAgain).isFalse();
    }

    @Test
    void purgesManyExpiredNoncesInSeveralBatches() {
        int expired = 2_345; // more than two of the store's purge batches
        for (int first = 0; first < expired; first += 500) {
            List<Future<Boolean>> inserts = new ArrayList<>();
            for (int i = first; i < Math.min(expired, first + 500); i++) {
                inserts.add(store.redeemNonce("old-" + i, at(Duration.ofSeconds(-1))));
            }
            await(Future.all(inserts));
        }
        await(store.redeemNonce("live", at(Duration.ofSeconds(60))));

        assertThat(await(store.purgeExpiredNonces(T0))).isEqualTo(expired);
        assertThat(await(store.redeemNonce("live", T0))).isFalse();
        assertThat(await(store.redeemNonce("old-2344", T0))).as("a purged record is gone").isTrue();
    }

    @Test
    void purgesOnlyNoncesThatExpiredBeforeNow() {
        await(store.redeemNonce("expired", at(Duration.ofSeconds(-60))));
        await(store.redeemNonce("just-expired", at(Duration.ofMillis(-1))));
        await(store.redeemNonce("expires-now", T0));
        await(store.redeemNonce("live", at(Duration.ofSeconds(60))));

        assertThat(await(store.purgeExpiredNonces(T0))).isEqualTo(2);
        assertThat(await(store.purgeExpiredNonces(T0))).isZero();
        assertThat(await(store.redeemNonce("expires-now", T0))).isFalse();
        assertThat(await(store.redeemNonce("live", T0))).isFalse();
        assertThat(await(store.redeemNonce("expired", T0))).as("a purged record is gone").isTrue();
    }

    // --- accounts (RFC 8555 §7.3) -------------------------------------------------------------------

    @Test
    void findsAnInsertedAccountByIdAndByThumbprint() {
        StoredAccount account = new StoredAccount("acct", "{\"kty\":\"EC\"}", "key-1", AccountStatus.VALID,
                List.of("mailto:a@example.org", "mailto:b@example.org"), false, "eab-1", T0.plusMillis(123));

        assertThat(await(store.insertAccountIfAbsent(account))).isEqualTo(account);
        assertThat(await(store.findAccount("acct"))).contains(account);
        assertThat(await(store.findAccountByThumbprint("key-1"))).contains(account);
    }

    @Test
    void findsNothingForUnknownIdsAndKeys() {
        await(store.insertAccountIfAbsent(account("acct", "key-1")));

        assertThat(await(store.findAccount("other"))).isEmpty();
        assertThat(await(store.findAccountByThumbprint("key-2"))).isEmpty();
    }

    @Test
    void returnsTheExistingAccountForAKnownKey() {
        StoredAccount first = await(store.insertAccountIfAbsent(account("first", "key-1")));

        assertThat(await(store.insertAccountIfAbsent(account("second", "key-1")))).isEqualTo(first);
        assertThat(await(store.findAccount("second"))).isEmpty();
    }

    @Test
    void concurrentInsertsOfOneKeyAllGetTheSameAccount() {
        List<StoredAccount> results = awaitAll(IntStream.range(0, RACERS)
                .mapToObj(i -> store.insertAccountIfAbsent(account("acct-" + i, "raced-key")))
                .toList());

        String winner = results.get(0).id();
        assertThat(results).extracting(StoredAccount::id).containsOnly(winner);
        assertThat(IntStream.range(0, RACERS).filter(i -> await(store.findAccount("acct-" + i)).isPresent()).count())
                .isEqualTo(1);
    }

    static Stream<Arguments> agreementUpdates() {
        return Stream.of(
                Arguments.of(null, true),
                Arguments.of(Boolean.TRUE, true),
                Arguments.of(Boolean.FALSE, false));
    }

    @ParameterizedTest(name = "termsOfServiceAgreed={0} -> {1}")
    @MethodSource("agreementUpdates")
    void updatesContactsAndTheAgreementOnlyWhenGiven(Boolean agreed, boolean expected) {
        await(store.insertAccountIfAbsent(account("acct", "key-1")));

        Optional<StoredAccount> updated = await(store.updateAccount("acct", List.of("mailto:new@example.org"), agreed));

        StoredAccount expectedAccount = new StoredAccount("acct", account("acct", "key-1").jwk(), "key-1",
                AccountStatus.VALID, List.of("mailto:new@example.org"), expected, null, T0);
        assertThat(updated).contains(expectedAccount);
        assertThat(await(store.findAccount("acct"))).contains(expectedAccount);
    }

    @Test
    void updatesNeitherDeactivatedNorUnknownAccounts() {
        await(store.insertAccountIfAbsent(account("acct", "key-1")));
        await(store.deactivateAccount("acct"));

        assertThat(await(store.updateAccount("acct", List.of(), false))).isEmpty();
        assertThat(await(store.updateAccount("unknown", List.of(), false))).isEmpty();
        assertThat(await(store.findAccount("acct")).orElseThrow().contact()).containsExactly("mailto:admin@example.org");
    }

    @Test
    void deactivatingAnAccountDeactivatesItsPendingAuthorizationsOnly() {
        storeAuthorization(AuthorizationStatus.PENDING, at(Duration.ofDays(1)));
        StoredAuthorization valid = authorization("valid", "acct", Identifier.dns("b.test"), false,
                AuthorizationStatus.VALID, at(Duration.ofDays(1)));
        await(store.insertOrder(order("order2", "acct", List.of(valid)), List.of(valid), null));

        await(store.deactivateAccount("acct"));

        assertThat(await(store.findAuthorization("authz")).orElseThrow().status()).isEqualTo(AuthorizationStatus.DEACTIVATED);
        assertThat(await(store.findAuthorization("valid")).orElseThrow().status()).isEqualTo(AuthorizationStatus.VALID);
    }

    @Test
    void deactivatesAValidAccountOnce() {
        await(store.insertAccountIfAbsent(account("acct", "key-1")));

        assertThat(await(store.deactivateAccount("acct"))).map(StoredAccount::status).contains(AccountStatus.DEACTIVATED);
        assertThat(await(store.deactivateAccount("acct"))).isEmpty();
        assertThat(await(store.deactivateAccount("unknown"))).isEmpty();
        assertThat(await(store.findAccount("acct"))).map(StoredAccount::status).contains(AccountStatus.DEACTIVATED);
    }

    static Stream<Arguments> keyChanges() {
        return Stream.of(
                Arguments.of("a new key", "acct-1", "key-1", "key-3", new KeyChangeOutcome(true, Optional.empty()), "key-3"),
                Arguments.of("the same key", "acct-1", "key-1", "key-1", new KeyChangeOutcome(true, Optional.empty()), "key-1"),
                Arguments.of("a stale old key", "acct-1", "key-9", "key-3", new KeyChangeOutcome(false, Optional.empty()), "key-1"),
                Arguments.of("another account's key", "acct-1", "key-1", "key-2",
                        new KeyChangeOutcome(false, Optional.of("acct-2")), "key-1"),
                Arguments.of("an unknown account", "acct-9", "key-1", "key-3", new KeyChangeOutcome(false, Optional.empty()), "key-1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keyChanges")
    void changesTheKeyOnlyFromTheCurrentKeyToAFreeOne(String name, String id, String oldThumbprint, String newThumbprint,
            KeyChangeOutcome expected, String thumbprintAfter) {
        await(store.insertAccountIfAbsent(account("acct-1", "key-1")));
        await(store.insertAccountIfAbsent(account("acct-2", "key-2")));

        assertThat(await(store.changeAccountKey(id, oldThumbprint, "{\"new\":true}", newThumbprint))).isEqualTo(expected);

        StoredAccount after = await(store.findAccount("acct-1")).orElseThrow();
        assertThat(after.keyThumbprint()).isEqualTo(thumbprintAfter);
        assertThat(await(store.findAccountByThumbprint(thumbprintAfter))).map(StoredAccount::id).contains("acct-1");
        if (expected.changed()) {
            assertThat(after.jwk()).isEqualTo("{\"new\":true}");
        }
    }

    @Test
    void concurrentChangesToOneNewKeyLetOneAccountWin() {
        IntStream.range(0, RACERS).forEach(i -> await(store.insertAccountIfAbsent(account("acct-" + i, "key-" + i))));

        List<KeyChangeOutcome> outcomes = awaitAll(IntStream.range(0, RACERS)
                .mapToObj(i -> store.changeAccountKey("acct-" + i, "key-" + i, "{}", "wanted-key"))
                .toList());

        String winner = await(store.findAccountByThumbprint("wanted-key")).orElseThrow().id();
        assertThat(outcomes).filteredOn(KeyChangeOutcome::changed).hasSize(1);
        assertThat(outcomes).filteredOn(outcome -> !outcome.changed())
                .allSatisfy(outcome -> assertThat(outcome.conflictingAccount()).contains(winner));
    }

    // --- orders (RFC 8555 §7.4) ---------------------------------------------------------------------

    @Test
    void readsAnOrderBackWithItsNewAuthorizationsAndChallenges() {
        await(store.insertAccountIfAbsent(account("acct", "key-1")));
        StoredAuthorization a = authorization("authz-a", "acct", "a.test");
        StoredAuthorization b = authorization("authz-b", "acct", Identifier.dns("b.test"), true,
                AuthorizationStatus.PENDING, at(Duration.ofHours(1)));
        StoredOrder order = new StoredOrder("order", "acct", OrderStatus.PENDING, at(Duration.ofDays(7)),
                List.of(Identifier.dns("a.test"), Identifier.dns("*.b.test")), T0, at(Duration.ofDays(30)),
                "tlsserver", "aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE", List.of("authz-a", "authz-b"), null, null, T0);

        assertThat(await(store.insertOrder(order, List.of(a, b), null))).isTrue();

        assertThat(await(store.findOrder("order"))).contains(order);
        assertThat(await(store.findAuthorization("authz-b"))).contains(b);
        assertThat(await(store.findAuthorizations(List.of("authz-b", "missing", "authz-a")))).containsExactly(b, a);
        assertThat(await(store.findAuthorizations(List.of()))).isEmpty();
        assertThat(await(store.findOrder("missing"))).isEmpty();
        assertThat(await(store.findAuthorization("missing"))).isEmpty();
    }

    @Test
    void referencesReusedAuthorizationsWithoutCopyingThem() {
        storePendingOrder();
        StoredAuthorization fresh = authorization("authz-new", "acct", "b.test");
        StoredOrder second = new StoredOrder("order-2", "acct", OrderStatus.PENDING, at(Duration.ofDays(7)),
                List.of(Identifier.dns("b.test"), Identifier.dns("a.test")), null, null, null, null,
                List.of("authz-new", "authz"), null, null, T0);

        assertThat(await(store.insertOrder(second, List.of(fresh), null))).isTrue();

        assertThat(await(store.findOrder("order-2")).orElseThrow().authorizationIds()).containsExactly("authz-new", "authz");
        assertThat(await(store.findAuthorization("authz"))).contains(authorization("authz", "acct", "a.test"));
    }

    @Test
    void insertsNothingWhenAPartOfTheOrderCannotBeStored() {
        await(store.insertAccountIfAbsent(account("acct", "key-1")));
        StoredAuthorization a = authorization("authz-a", "acct", "a.test");
        StoredOrder order = new StoredOrder("order", "acct", OrderStatus.PENDING, at(Duration.ofDays(7)),
                List.of(Identifier.dns("a.test"), Identifier.dns("b.test")), null, null, null, null,
                List.of("authz-a", "no-such-authz"), null, null, T0);

        assertThat(awaitFailure(store.insertOrder(order, List.of(a), null))).isNotNull();

        assertThat(await(store.findOrder("order"))).isEmpty();
        assertThat(await(store.findAuthorization("authz-a"))).isEmpty();
    }

    static Stream<Arguments> pages() {
        return Stream.of(
                Arguments.of(0, 10, List.of("o1", "o2", "o4", "o5")),
                Arguments.of(1, 2, List.of("o2", "o4")),
                Arguments.of(3, 10, List.of("o5")),
                Arguments.of(4, 10, List.of()),
                Arguments.of(0, 0, List.of()));
    }

    @ParameterizedTest(name = "offset {0}, limit {1}")
    @MethodSource("pages")
    void listsAnAccountsOrdersOldestFirstWithoutInvalidOnes(int offset, int limit, List<String> expected) {
        await(store.insertAccountIfAbsent(account("acct", "key-1")));
        await(store.insertAccountIfAbsent(account("other", "key-2")));
        Instant expires = at(Duration.ofDays(7));
        for (String id : List.of("o5", "o3", "o1", "o4", "o2")) {
            int n = id.charAt(1) - '0';
            OrderStatus status = id.equals("o3") ? OrderStatus.INVALID : OrderStatus.PENDING;
            await(store.insertOrder(order(id, "acct", status, expires, at(Duration.ofMinutes(n)), List.of()), List.of(), null));
        }
        await(store.insertOrder(order("foreign", "other", OrderStatus.PENDING, expires, T0, List.of()), List.of(), null));

        assertThat(await(store.listOrderIds("acct", offset, limit, T0))).containsExactlyElementsOf(expected);
    }

    static Stream<Arguments> derivedInvalidity() {
        return Stream.of(
                Arguments.of("pending authorization", AuthorizationStatus.PENDING, Duration.ofDays(1), true),
                Arguments.of("valid authorization", AuthorizationStatus.VALID, Duration.ofDays(1), true),
                Arguments.of("failed authorization", AuthorizationStatus.INVALID, Duration.ofDays(1), false),
                Arguments.of("deactivated authorization", AuthorizationStatus.DEACTIVATED, Duration.ofDays(1), false),
                Arguments.of("expired authorization", AuthorizationStatus.PENDING, Duration.ZERO, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("derivedInvalidity")
    void leavesOutOrdersThatAClientSeesAsInvalid(String name, AuthorizationStatus status, Duration expiresIn,
            boolean listed) {
        storeAuthorization(status, at(expiresIn));

        assertThat(await(store.listOrderIds("acct", 0, 10, T0))).isEqualTo(listed ? List.of("order") : List.of());
        assertThat(await(store.listOrderIds("acct", 0, 10, at(Duration.ofDays(8))))).isEmpty();
    }

    // --- authorization reuse ------------------------------------------------------------------------

    /** Stores authorizations of account {@code acct} and {@code other} that reuse may or may not pick. */
    void storeReusableAuthorizations() {
        await(store.insertAccountIfAbsent(account("acct", "key-1")));
        await(store.insertAccountIfAbsent(account("other", "key-2")));
        List<StoredAuthorization> mine = List.of(
                authorization("a-soon", "acct", Identifier.dns("a.test"), false, AuthorizationStatus.VALID, LATER),
                authorization("a-last", "acct", Identifier.dns("a.test"), false, AuthorizationStatus.VALID, at(Duration.ofDays(20))),
                authorization("b-pending", "acct", Identifier.dns("b.test"), false, AuthorizationStatus.PENDING, LATER),
                authorization("c-expired", "acct", Identifier.dns("c.test"), false, AuthorizationStatus.VALID, T0),
                authorization("d-wild", "acct", Identifier.dns("d.test"), true, AuthorizationStatus.VALID, LATER),
                authorization("ip", "acct", IP, false, AuthorizationStatus.VALID, LATER),
                authorization("ip-as-dns", "acct", Identifier.dns("10.0.0.1"), false, AuthorizationStatus.DEACTIVATED, LATER));
        await(store.insertOrder(order("mine", "acct", mine), mine, null));
        List<StoredAuthorization> theirs = List.of(
                authorization("e-other", "other", Identifier.dns("e.test"), false, AuthorizationStatus.VALID, LATER));
        await(store.insertOrder(order("theirs", "other", theirs), theirs, null));
    }

    static Stream<Arguments> lookups() {
        return Stream.of(
                Arguments.of("latest of two", List.of(Identifier.dns("a.test")), false, List.of("a-last")),
                Arguments.of("pending", List.of(Identifier.dns("b.test")), false, List.of()),
                Arguments.of("expired at now", List.of(Identifier.dns("c.test")), false, List.of()),
                Arguments.of("wildcard mismatch", List.of(Identifier.dns("d.test")), false, List.of()),
                Arguments.of("wildcard", List.of(Identifier.dns("d.test")), true, List.of("d-wild")),
                Arguments.of("other account", List.of(Identifier.dns("e.test")), false, List.of()),
                Arguments.of("ip by type", List.of(IP), false, List.of("ip")),
                Arguments.of("dns is not ip", List.of(Identifier.dns("10.0.0.1")), false, List.of()),
                Arguments.of("several, in identifier order",
                        List.of(IP, Identifier.dns("b.test"), Identifier.dns("a.test")), false, List.of("ip", "a-last")),
                Arguments.of("none asked", List.of(), false, List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lookups")
    void findsTheLatestValidAuthorizationPerIdentifier(String name, List<Identifier> identifiers, boolean wildcard,
            List<String> expected) {
        storeReusableAuthorizations();

        List<StoredAuthorization> found = await(store.findValidAuthorizations("acct", identifiers, wildcard, T0));

        assertThat(found).extracting(StoredAuthorization::id).containsExactlyElementsOf(expected);
        assertThat(found).allSatisfy(authz -> assertThat(authz.challenges()).hasSize(2));
    }

    // --- challenges and authorizations (RFC 8555 §7.5, §8) ------------------------------------------

    static Stream<Arguments> starts() {
        return Stream.of(
                Arguments.of("pending in a pending authorization", AuthorizationStatus.PENDING, Duration.ofMillis(1), true),
                Arguments.of("authorization expires now", AuthorizationStatus.PENDING, Duration.ZERO, false),
                Arguments.of("authorization expired", AuthorizationStatus.PENDING, Duration.ofDays(-1), false),
                Arguments.of("authorization valid", AuthorizationStatus.VALID, Duration.ofDays(1), false),
                Arguments.of("authorization invalid", AuthorizationStatus.INVALID, Duration.ofDays(1), false),
                Arguments.of("authorization deactivated", AuthorizationStatus.DEACTIVATED, Duration.ofDays(1), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("starts")
    void startsAPendingChallengeOnlyWhileItsAuthorizationIsPendingAndLive(String name, AuthorizationStatus status,
            Duration expiresIn, boolean expected) {
        storeAuthorization(status, at(expiresIn));

        assertThat(await(store.startChallenge("authz-http", T0))).isEqualTo(expected);

        assertThat(challenge("authz-http").status()).isEqualTo(expected ? ChallengeStatus.PROCESSING : ChallengeStatus.PENDING);
        assertThat(challenge("authz-dns").status()).isEqualTo(ChallengeStatus.PENDING);
    }

    @Test
    void startsAChallengeOnce() {
        storePendingOrder();

        assertThat(await(store.startChallenge("authz-http", T0))).isTrue();
        assertThat(await(store.startChallenge("authz-http", T0))).isFalse();
        assertThat(await(store.startChallenge("missing", T0))).isFalse();
    }

    @Test
    void aStartedChallengeBecomesStaleAfterTheCutoff() {
        storePendingOrder();
        await(store.startChallenge("authz-http", T0));

        assertThat(await(store.findStaleProcessingChallengeIds(T0))).isEmpty();
        assertThat(await(store.findStaleProcessingChallengeIds(T0.plusMillis(1)))).containsExactly("authz-http");
        await(store.completeChallenge("authz-http", T0, Problem.of(ProblemType.SERVER_INTERNAL, "interrupted"), null));
        assertThat(await(store.findStaleProcessingChallengeIds(T0.plusMillis(1)))).isEmpty();
    }

    @Test
    void concurrentStartsHaveExactlyOneWinner() {
        storePendingOrder();

        List<Boolean> results = awaitAll(IntStream.range(0, RACERS)
                .mapToObj(i -> store.startChallenge("authz-http", T0)).toList());

        assertThat(results).containsOnlyOnce(true).hasSize(RACERS);
    }

    @Test
    void successMakesTheChallengeAndItsAuthorizationValid() {
        storePendingOrder();
        await(store.startChallenge("authz-http", T0));
        Instant validated = at(Duration.ofSeconds(3));
        Instant reusableUntil = at(Duration.ofDays(30));

        assertThat(await(store.completeChallenge("authz-http", validated, null, reusableUntil))).isTrue();

        StoredAuthorization authz = await(store.findAuthorization("authz")).orElseThrow();
        assertThat(authz.status()).isEqualTo(AuthorizationStatus.VALID);
        assertThat(authz.expires()).isEqualTo(reusableUntil);
        assertThat(authz.challenges()).containsExactly(
                new StoredChallenge("authz-http", "authz", "http-01", "token-authz-http", ChallengeStatus.VALID, validated, null),
                new StoredChallenge("authz-dns", "authz", "dns-01", "token-authz-dns", ChallengeStatus.PENDING, null, null));
    }

    @Test
    void failureMakesTheChallengeAndItsAuthorizationInvalidWithTheProblem() {
        StoredOrder order = storePendingOrder();
        await(store.startChallenge("authz-http", T0));
        Problem problem = Problem.of(ProblemType.INCORRECT_RESPONSE, "key authorization mismatch")
                .withIdentifier(Identifier.dns("a.test"));

        assertThat(await(store.completeChallenge("authz-http", at(Duration.ofSeconds(3)), problem, at(Duration.ofDays(30)))))
                .isTrue();

        StoredAuthorization authz = await(store.findAuthorization("authz")).orElseThrow();
        assertThat(authz.status()).isEqualTo(AuthorizationStatus.INVALID);
        assertThat(authz.expires()).as("a failure keeps the expiry").isEqualTo(at(Duration.ofDays(7)));
        assertThat(challenge("authz-http")).isEqualTo(
                new StoredChallenge("authz-http", "authz", "http-01", "token-authz-http", ChallengeStatus.INVALID, null, problem));
        assertThat(await(store.findOrder(order.id()))).contains(order);
    }

    @Test
    void recordsAnOutcomeOnlyForAProcessingChallenge() {
        storePendingOrder();

        assertThat(await(store.completeChallenge("authz-http", T0, null, at(Duration.ofDays(30))))).isFalse();
        await(store.startChallenge("authz-http", T0));
        assertThat(await(store.completeChallenge("authz-http", T0, null, at(Duration.ofDays(30))))).isTrue();
        assertThat(await(store.completeChallenge("authz-http", T0, Problem.of(ProblemType.CONNECTION, "late"), null))).isFalse();

        assertThat(challenge("authz-http").status()).isEqualTo(ChallengeStatus.VALID);
        assertThat(await(store.findAuthorization("authz")).orElseThrow().status()).isEqualTo(AuthorizationStatus.VALID);
    }

    @Test
    void leavesADeactivatedAuthorizationDeactivated() {
        storePendingOrder();
        await(store.startChallenge("authz-http", T0));
        await(store.deactivateAuthorization("authz"));

        assertThat(await(store.completeChallenge("authz-http", T0, null, at(Duration.ofDays(30))))).isTrue();

        assertThat(await(store.findAuthorization("authz")).orElseThrow().status()).isEqualTo(AuthorizationStatus.DEACTIVATED);
    }

    static Stream<Arguments> deactivations() {
        return Stream.of(
                Arguments.of(AuthorizationStatus.PENDING, true, AuthorizationStatus.DEACTIVATED),
                Arguments.of(AuthorizationStatus.VALID, true, AuthorizationStatus.DEACTIVATED),
                Arguments.of(AuthorizationStatus.INVALID, false, AuthorizationStatus.INVALID),
                Arguments.of(AuthorizationStatus.DEACTIVATED, false, AuthorizationStatus.DEACTIVATED));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("deactivations")
    void deactivatesPendingAndValidAuthorizations(AuthorizationStatus from, boolean changed, AuthorizationStatus to) {
        storeAuthorization(from, at(Duration.ofDays(1)));

        assertThat(await(store.deactivateAuthorization("authz"))).isEqualTo(changed);
        assertThat(await(store.deactivateAuthorization("missing"))).isFalse();

        assertThat(await(store.findAuthorization("authz")).orElseThrow().status()).isEqualTo(to);
    }

    private void storeAuthorization(AuthorizationStatus status, Instant expires) {
        await(store.insertAccountIfAbsent(account("acct", "key-1")));
        StoredAuthorization authz = authorization("authz", "acct", Identifier.dns("a.test"), false, status, expires);
        await(store.insertOrder(order("order", "acct", List.of(authz)), List.of(authz), null));
    }

    private StoredChallenge challenge(String id) {
        return await(store.findAuthorization("authz")).orElseThrow().challenges().stream()
                .filter(challenge -> challenge.id().equals(id)).findFirst().orElseThrow();
    }

    // --- issuance -----------------------------------------------------------------------------------

    static Stream<Arguments> fences() {
        return Stream.of(
                Arguments.of("pending and live", OrderStatus.PENDING, Duration.ofMillis(1), true),
                Arguments.of("pending, expiring now", OrderStatus.PENDING, Duration.ZERO, false),
                Arguments.of("pending, expired", OrderStatus.PENDING, Duration.ofDays(-1), false),
                Arguments.of("processing", OrderStatus.PROCESSING, Duration.ofDays(1), false),
                Arguments.of("valid", OrderStatus.VALID, Duration.ofDays(1), false),
                Arguments.of("invalid", OrderStatus.INVALID, Duration.ofDays(1), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fences")
    void beginsProcessingOnlyALivePendingOrder(String name, OrderStatus status, Duration expiresIn, boolean expected) {
        await(store.insertAccountIfAbsent(account("acct", "key-1")));
        await(store.insertOrder(order("order", "acct", status, at(expiresIn), T0, List.of()), List.of(), null));

        assertThat(await(store.beginProcessing("order", T0))).isEqualTo(expected);
        assertThat(await(store.beginProcessing("missing", T0))).isFalse();

        assertThat(await(store.findOrder("order")).orElseThrow().status()).isEqualTo(expected ? OrderStatus.PROCESSING : status);
    }

    static Stream<Arguments> authorizationFences() {
        return Stream.of(
                Arguments.of("valid", AuthorizationStatus.VALID, Duration.ofDays(1), true),
                Arguments.of("pending", AuthorizationStatus.PENDING, Duration.ofDays(1), false),
                Arguments.of("deactivated", AuthorizationStatus.DEACTIVATED, Duration.ofDays(1), false),
                Arguments.of("invalid", AuthorizationStatus.INVALID, Duration.ofDays(1), false),
                Arguments.of("valid but expired", AuthorizationStatus.VALID, Duration.ZERO, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("authorizationFences")
    void beginsProcessingOnlyWhileEveryAuthorizationIsValid(String name, AuthorizationStatus status,
            Duration expiresIn, boolean expected) {
        storeAuthorization(status, at(expiresIn));

        assertThat(await(store.beginProcessing("order", T0))).isEqualTo(expected);
    }

    @Test
    void concurrentFinalizationsHaveExactlyOneWinner() {
        storeReadyOrder();

        List<Boolean> results = awaitAll(IntStream.range(0, RACERS)
                .mapToObj(i -> store.beginProcessing("order", T0)).toList());

        assertThat(results).containsOnlyOnce(true).hasSize(RACERS);
        assertThat(await(store.findStaleProcessingOrderIds(T0.plusSeconds(1)))).containsExactly("order");
    }

    @Test
    void reservesASerialOnce() {
        storeReadyOrder();

        assertThat(await(store.reserveSerial("7f3a", "order", T0))).isTrue();
        assertThat(await(store.reserveSerial("7f3a", "order", T0))).isFalse();
        assertThat(await(store.reserveSerial("7f3b", "order", T0))).isTrue();
    }

    @Test
    void concurrentReservationsOfOneSerialHaveExactlyOneWinner() {
        storeReadyOrder();

        List<Boolean> results = awaitAll(IntStream.range(0, RACERS)
                .mapToObj(i -> store.reserveSerial("7f3a", "order", T0)).toList());

        assertThat(results).containsOnlyOnce(true).hasSize(RACERS);
    }

    @Test
    void completingStoresTheCertificateAndMakesTheOrderValid() {
        StoredOrder order = storeReadyOrder();
        await(store.beginProcessing("order", T0));
        await(store.reserveSerial("7f3a", "order", T0));
        StoredCertificate certificate = certificate("7f3a", "acct", "order");

        await(store.completeOrder("order", certificate));

        assertThat(await(store.findCertificate("7f3a"))).contains(certificate);
        assertThat(await(store.findOrder("order"))).contains(new StoredOrder(order.id(), order.accountId(),
                OrderStatus.VALID, order.expires(), order.identifiers(), null, null, null, null,
                order.authorizationIds(), null, "7f3a", T0));
        assertThat(await(store.findStaleProcessingOrderIds(T0.plusSeconds(1)))).isEmpty();
    }

    @Test
    void completesAnOrderOnlyOnce() {
        storeReadyOrder();
        await(store.beginProcessing("order", T0));
        await(store.reserveSerial("7f3a", "order", T0));
        await(store.reserveSerial("7f3b", "order", T0));
        await(store.completeOrder("order", certificate("7f3a", "acct", "order")));

        assertThat(awaitFailure(store.completeOrder("order", certificate("7f3b", "acct", "order"))))
                .isInstanceOf(StateConflictException.class).hasMessage("order order is not processing");

        assertThat(await(store.findCertificate("7f3b"))).isEmpty();
        assertThat(await(store.findOrder("order")).orElseThrow().certificateSerial()).isEqualTo("7f3a");
    }

    @Test
    void completesNoOrderThatIsNotProcessing() {
        storeReadyOrder();
        await(store.reserveSerial("7f3a", "order", T0));

        assertThat(awaitFailure(store.completeOrder("order", certificate("7f3a", "acct", "order"))))
                .isInstanceOf(StateConflictException.class);

        assertThat(await(store.findCertificate("7f3a"))).isEmpty();
        assertThat(await(store.findOrder("order")).orElseThrow().status()).isEqualTo(OrderStatus.PENDING);
    }

    @Test
    void storesNoCertificateWhoseSerialWasNotReserved() {
        storeReadyOrder();
        await(store.beginProcessing("order", T0));

        assertThat(awaitFailure(store.completeOrder("order", certificate("7f3a", "acct", "order")))).isNotNull();

        assertThat(await(store.findCertificate("7f3a"))).isEmpty();
        assertThat(await(store.findOrder("order")).orElseThrow().status()).isEqualTo(OrderStatus.PROCESSING);
    }

    @Test
    void failingMakesAProcessingOrderInvalidWithTheProblem() {
        storeReadyOrder();
        await(store.beginProcessing("order", T0));
        Problem problem = Problem.of(ProblemType.SERVER_INTERNAL, "issuance was interrupted");

        await(store.failOrder("order", problem));

        StoredOrder failed = await(store.findOrder("order")).orElseThrow();
        assertThat(failed.status()).isEqualTo(OrderStatus.INVALID);
        assertThat(failed.error()).isEqualTo(problem);
        assertThat(await(store.listOrderIds("acct", 0, 10, T0))).isEmpty();
        assertThat(awaitFailure(store.failOrder("order", problem))).isInstanceOf(StateConflictException.class);
    }

    @Test
    void countsAnAccountsOrdersCreatedSinceAMomentOldestFirst() {
        await(store.insertAccountIfAbsent(account("acct", "key-1")));
        await(store.insertAccountIfAbsent(account("other", "key-2")));
        Instant expires = at(Duration.ofDays(1));
        await(store.insertOrder(order("old", "acct", OrderStatus.PENDING, expires, T0, List.of()), List.of(), null));
        await(store.insertOrder(order("b", "acct", OrderStatus.INVALID, expires, at(Duration.ofMinutes(2)), List.of()),
                List.of(), null));
        await(store.insertOrder(order("a", "acct", OrderStatus.VALID, expires, at(Duration.ofMinutes(1)), List.of()),
                List.of(), null));
        await(store.insertOrder(order("c", "other", OrderStatus.PENDING, expires, at(Duration.ofMinutes(1)), List.of()),
                List.of(), null));

        assertThat(await(store.orderCreationTimes("acct", at(Duration.ofMinutes(1)), 10)))
                .containsExactly(at(Duration.ofMinutes(1)), at(Duration.ofMinutes(2)));
        assertThat(await(store.orderCreationTimes("acct", T0, 2))).containsExactly(T0, at(Duration.ofMinutes(1)));
    }

    @Test
    void countsRateLimitEventsPerLimitAndSubjectSinceAMomentOldestFirst() {
        await(store.recordRateLimitEvents("new-accounts-per-ip", List.of("192.0.2.1"), at(Duration.ofMinutes(2))));
        await(store.recordRateLimitEvents("new-accounts-per-ip", List.of("192.0.2.1", "192.0.2.1", "192.0.2.9"), T0));
        await(store.recordRateLimitEvents("new-accounts-per-ip", List.of("192.0.2.1"), at(Duration.ofMinutes(1))));
        await(store.recordRateLimitEvents("certificates-per-domain", List.of("192.0.2.1"), T0));
        await(store.recordRateLimitEvents("certificates-per-domain", List.of(), T0));

        assertThat(await(store.rateLimitEventTimes("new-accounts-per-ip", "192.0.2.1", T0, 10)))
                .containsExactly(T0, at(Duration.ofMinutes(1)), at(Duration.ofMinutes(2)));
        assertThat(await(store.rateLimitEventTimes("new-accounts-per-ip", "192.0.2.1", T0.plusMillis(1), 10)))
                .containsExactly(at(Duration.ofMinutes(1)), at(Duration.ofMinutes(2)));
        assertThat(await(store.rateLimitEventTimes("new-accounts-per-ip", "192.0.2.1", T0, 2)))
                .containsExactly(T0, at(Duration.ofMinutes(1)));
        assertThat(await(store.rateLimitEventTimes("new-accounts-per-ip", "192.0.2.9", T0, 10))).containsExactly(T0);
        assertThat(await(store.rateLimitEventTimes("certificates-per-domain", "192.0.2.1", T0, 10)))
                .containsExactly(T0);
        assertThat(await(store.rateLimitEventTimes("certificates-per-domain", "192.0.2.9", T0, 10))).isEmpty();
    }

    @Test
    void ofManyConcurrentAttemptsExactlyTheLimitAreAdmitted() {
        int count = 5;
        List<Optional<RateLimitRefusal>> results = awaitAll(IntStream.range(0, RACERS)
                .mapToObj(i -> store.admitRateLimitEvents("new-orders-per-account", List.of("acct-1"), count,
                        T0, at(Duration.ofMillis(i))))
                .toList());

        assertThat(results).filteredOn(Optional::isEmpty).hasSize(count);
        assertThat(results).filteredOn(Optional::isPresent).hasSize(RACERS - count)
                .allSatisfy(refusal -> assertThat(refusal.orElseThrow().subject()).isEqualTo("acct-1"));
        assertThat(await(store.rateLimitEventTimes("new-orders-per-account", "acct-1", T0, 100))).hasSize(count);
    }

    @Test
    void ofManyConcurrentAttemptsOnOverlappingSubjectsNoSubjectExceedsTheLimit() {
        int count = 3;
        List<Optional<RateLimitRefusal>> results = awaitAll(IntStream.range(0, RACERS)
                .mapToObj(i -> store.admitRateLimitEvents("certificates-per-domain",
                        i % 2 == 0 ? List.of("b.test", "a.test") : List.of("a.test", "c.test"), count, T0, T0))
                .toList());

        assertThat(results).filteredOn(Optional::isEmpty).hasSize(count);
        int a = await(store.rateLimitEventTimes("certificates-per-domain", "a.test", T0, 100)).size();
        int b = await(store.rateLimitEventTimes("certificates-per-domain", "b.test", T0, 100)).size();
        int c = await(store.rateLimitEventTimes("certificates-per-domain", "c.test", T0, 100)).size();
        assertThat(a).isEqualTo(count);
        assertThat(b + c).as("every admitted attempt recorded both of its subjects").isEqualTo(count);
    }

    @Test
    void aFullWindowRefusesWithItsOldestEventAndRecordsNoSubject() {
        await(store.recordRateLimitEvents("certificates-per-domain", List.of("full.test"), at(Duration.ofMinutes(-90))));
        await(store.recordRateLimitEvents("certificates-per-domain", List.of("full.test"), at(Duration.ofMinutes(-30))));
        await(store.recordRateLimitEvents("certificates-per-domain", List.of("full.test"), at(Duration.ofMinutes(-10))));

        Optional<RateLimitRefusal> refused = await(store.admitRateLimitEvents("certificates-per-domain",
                List.of("free.test", "full.test"), 2, at(Duration.ofHours(-1)), T0));
        Optional<RateLimitRefusal> admitted = await(store.admitRateLimitEvents("certificates-per-domain",
                List.of("free.test", "full.test"), 3, at(Duration.ofHours(-1)), T0));

        assertThat(refused).contains(new RateLimitRefusal("full.test", at(Duration.ofMinutes(-30))));
        assertThat(admitted).isEmpty();
        assertThat(await(store.rateLimitEventTimes("certificates-per-domain", "free.test", at(Duration.ofDays(-1)), 10)))
                .as("only the admitted attempt recorded free.test").containsExactly(T0);
        assertThat(await(store.admitRateLimitEvents("certificates-per-domain", List.of(), 1, T0, T0))).isEmpty();
    }

    @Test
    void purgesOnlyRateLimitEventsBeforeTheCutoffEvenWhenTwoInstancesPurgeAtOnce() {
        int old = 2_345; // more than two purge batches
        for (int first = 0; first < old; first += 500) {
            List<String> subjects = IntStream.range(first, Math.min(old, first + 500)).mapToObj(i -> "10.0.0." + i)
                    .toList();
            await(store.recordRateLimitEvents("new-accounts-per-ip", subjects, at(Duration.ofHours(-2))));
        }
        await(store.recordRateLimitEvents("new-accounts-per-ip", List.of("192.0.2.1"), at(Duration.ofHours(-1))));
        await(store.recordRateLimitEvents("new-accounts-per-ip", List.of("192.0.2.1"), T0));

        List<Integer> purged = awaitAll(List.of(store.purgeRateLimitEvents(at(Duration.ofHours(-1))),
                store.purgeRateLimitEvents(at(Duration.ofHours(-1)))));

        assertThat(purged.get(0) + purged.get(1)).isEqualTo(old);
        assertThat(await(store.purgeRateLimitEvents(at(Duration.ofHours(-1))))).isZero();
        assertThat(await(store.rateLimitEventTimes("new-accounts-per-ip", "10.0.0.7", at(Duration.ofDays(-1)), 10)))
                .isEmpty();
        assertThat(await(store.rateLimitEventTimes("new-accounts-per-ip", "192.0.2.1", at(Duration.ofDays(-1)), 10)))
                .containsExactly(at(Duration.ofHours(-1)), T0);
    }

    @Test
    void listsExactlyTheProcessingOrders() {
        await(store.insertAccountIfAbsent(account("acct", "key-1")));
        Instant expires = at(Duration.ofDays(1));
        await(store.insertOrder(order("p2", "acct", OrderStatus.PROCESSING, expires, at(Duration.ofSeconds(1)), List.of()), List.of(), null));
        await(store.insertOrder(order("pending", "acct", OrderStatus.PENDING, expires, T0, List.of()), List.of(), null));
        await(store.insertOrder(order("p1", "acct", OrderStatus.PROCESSING, expires, T0, List.of()), List.of(), null));
        await(store.insertOrder(order("valid", "acct", OrderStatus.VALID, expires, T0, List.of()), List.of(), null));

        assertThat(await(store.findStaleProcessingOrderIds(T0))).containsExactly("p1", "p2");
    }

    @Test
    void onlyProcessingThatBeganBeforeTheCutoffIsStale() {
        storeReadyOrder();
        await(store.beginProcessing("order", T0));

        assertThat(await(store.findStaleProcessingOrderIds(T0))).isEmpty();
        assertThat(await(store.findStaleProcessingOrderIds(T0.plusMillis(1)))).containsExactly("order");
    }

    // --- certificates, revocation and replacement (RFC 8555 §7.6, RFC 9773 §5) ----------------------

    /** Stores a valid order {@code order} with certificate {@code 7f3a}. */
    void storeIssuedCertificate() {
        storeReadyOrder();
        await(store.beginProcessing("order", T0));
        await(store.reserveSerial("7f3a", "order", T0));
        await(store.completeOrder("order", certificate("7f3a", "acct", "order")));
    }

    @Test
    void revokesOnceKeepingTheFirstReason() {
        storeIssuedCertificate();
        Instant revoked = at(Duration.ofHours(1));

        assertThat(await(store.revokeCertificate("7f3a", 4, revoked))).isTrue();
        assertThat(await(store.revokeCertificate("7f3a", 1, at(Duration.ofHours(2))))).isFalse();
        assertThat(await(store.revokeCertificate("missing", 1, revoked))).isFalse();

        StoredCertificate certificate = await(store.findCertificate("7f3a")).orElseThrow();
        assertThat(certificate.isRevoked()).isTrue();
        assertThat(certificate.revokedAt()).isEqualTo(revoked);
        assertThat(certificate.revocationReason()).isEqualTo(4);
    }

    static Stream<Arguments> replacements() {
        return Stream.of(
                Arguments.of("first claim", null, new Replacement("7f3a", null), true, "renewal"),
                Arguments.of("already claimed", "earlier", new Replacement("7f3a", null), false, "earlier"),
                Arguments.of("claim after a failed one", "earlier", new Replacement("7f3a", "earlier"), true, "renewal"),
                Arguments.of("stale expectation", null, new Replacement("7f3a", "earlier"), false, null),
                Arguments.of("unknown certificate", null, new Replacement("ffff", null), false, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("replacements")
    void claimsAReplacementOnlyFromTheExpectedCurrentOne(String name, String current, Replacement claim,
            boolean inserted, String replacedByAfter) {
        storeIssuedCertificate();
        if (current != null) {
            await(store.insertOrder(order(current, "acct", List.of()), List.of(), new Replacement("7f3a", null)));
        }
        StoredAuthorization authz = authorization("renewal-authz", "acct", "a.test");

        assertThat(await(store.insertOrder(order("renewal", "acct", List.of(authz)), List.of(authz), claim))).isEqualTo(inserted);

        assertThat(await(store.findCertificate("7f3a")).orElseThrow().replacedByOrderId()).isEqualTo(replacedByAfter);
        assertThat(await(store.findOrder("renewal")).isPresent()).isEqualTo(inserted);
        assertThat(await(store.findAuthorization("renewal-authz")).isPresent()).isEqualTo(inserted);
    }

    @Test
    void concurrentReplacementClaimsHaveExactlyOneWinner() {
        storeIssuedCertificate();
        List<Boolean> results = awaitAll(IntStream.range(0, RACERS)
                .mapToObj(i -> store.insertOrder(order("renewal-" + i, "acct", List.of()), List.of(),
                        new Replacement("7f3a", null)))
                .toList());

        assertThat(results).containsOnlyOnce(true).hasSize(RACERS);
        String winner = "renewal-" + results.indexOf(true);
        assertThat(await(store.findCertificate("7f3a")).orElseThrow().replacedByOrderId()).isEqualTo(winner);
        assertThat(await(store.listOrderIds("acct", 0, 100, T0))).containsExactlyInAnyOrder("order", winner);
    }

    // --- revocation publishing (RFC 5280 §5, RFC 6960) -------------------------------------------------

    @Test
    void keepsTheIssuerOfACertificate() {
        storeIssuedCertificate();

        assertThat(await(store.findCertificate("7f3a")).orElseThrow().issuerId()).isEqualTo("issuer-a");
    }

    @Test
    void theRevocationMarkChangesWithEveryRevocationOnly() {
        storeIssuedCertificate();
        storeSecondCertificate();
        RevocationMark none = await(store.revocationMark());

        await(store.revokeCertificate("7f3a", 1, at(Duration.ofHours(1))));
        RevocationMark one = await(store.revocationMark());
        await(store.revokeCertificate("7f3a", 4, at(Duration.ofHours(2))));
        RevocationMark unchanged = await(store.revocationMark());
        await(store.revokeCertificate("9c01", 0, at(Duration.ofHours(1))));
        RevocationMark two = await(store.revocationMark());

        assertThat(none).isEqualTo(RevocationMark.NONE);
        assertThat(one).isEqualTo(new RevocationMark(1, at(Duration.ofHours(1))));
        assertThat(unchanged).isEqualTo(one);
        assertThat(two).isEqualTo(new RevocationMark(2, at(Duration.ofHours(1))));
        assertThat(two.token()).isNotEqualTo(one.token());
    }

    @Test
    void listsAnIssuersRevokedCertificatesUntilTheyExpireWithThoseStoredWithoutIssuer() {
        storeIssuedCertificate();
        storeSecondCertificate();
        storeCertificateOfAnotherIssuer();
        await(store.revokeCertificate("9c01", 1, at(Duration.ofHours(2))));
        await(store.revokeCertificate("7f3a", 4, at(Duration.ofHours(1))));
        await(store.revokeCertificate("5e11", 4, at(Duration.ofHours(1))));

        assertThat(await(store.listRevokedCertificates("issuer-a", T0)))
                .extracting(c -> c.serial() + " " + c.revocationReason() + " " + c.issuerId())
                .containsExactly("7f3a 4 issuer-a", "9c01 1 null");
        assertThat(await(store.listRevokedCertificates("issuer-a", at(Duration.ofDays(10)))))
                .extracting(StoredCertificate::serial).containsExactly("7f3a");
        assertThat(await(store.listRevokedCertificates("issuer-b", T0)))
                .extracting(StoredCertificate::serial).containsExactly("5e11", "9c01");
    }

    /** Stores certificate {@code 5e11} of {@code issuer-b} for c.test (order {@code order-c}). */
    private void storeCertificateOfAnotherIssuer() {
        StoredAuthorization valid = authorization("authz-c", "acct", Identifier.dns("c.test"), false,
                AuthorizationStatus.VALID, at(Duration.ofDays(30)));
        await(store.insertOrder(order("order-c", "acct", List.of(valid)), List.of(valid), null));
        await(store.beginProcessing("order-c", T0));
        await(store.reserveSerial("5e11", "order-c", T0));
        StoredCertificate c = certificate("5e11", "acct", "order-c");
        await(store.completeOrder("order-c", new StoredCertificate(c.serial(), c.accountId(), c.orderId(),
                List.of(Identifier.dns("c.test")), c.chainPem(), c.notBefore(), c.notAfter(), c.issuedAt(),
                null, null, null, "issuer-b")));
    }

    @Test
    void theStoredCrlNumberOnlyGrows() {
        StoredCrl first = crl("issuer-a", 1, "0:0");
        StoredCrl second = crl("issuer-a", 2, "1:5");

        assertThat(await(store.findCrl("issuer-a"))).isEmpty();
        assertThat(await(store.storeCrl(first))).isTrue();
        assertThat(await(store.storeCrl(second))).isTrue();
        assertThat(await(store.storeCrl(first))).isFalse();
        assertThat(await(store.storeCrl(crl("issuer-a", 2, "2:9")))).isFalse();
        assertThat(await(store.storeCrl(crl("issuer-b", 1, "2:9")))).isTrue();

        StoredCrl stored = await(store.findCrl("issuer-a")).orElseThrow();
        assertThat(stored.number()).isEqualTo(2);
        assertThat(stored.revocationMark()).isEqualTo("1:5");
        assertThat(stored.thisUpdate()).isEqualTo(T0);
        assertThat(stored.nextUpdate()).isEqualTo(at(Duration.ofDays(1)));
        assertThat(stored.der()).isEqualTo(second.der());
        assertThat(await(store.findCrl("issuer-b")).orElseThrow().number()).isEqualTo(1);
    }

    @Test
    void concurrentCrlsOfOneNumberHaveExactlyOneWinner() {
        List<Boolean> results = awaitAll(IntStream.range(0, RACERS)
                .mapToObj(i -> store.storeCrl(crl("issuer-a", 7, "racer-" + i)))
                .toList());

        assertThat(results).containsOnlyOnce(true).hasSize(RACERS);
    }

    private static StoredCrl crl(String issuerId, long number, String mark) {
        return new StoredCrl(issuerId, number, T0, at(Duration.ofDays(1)), mark,
                ("crl " + issuerId + " " + number + " " + mark).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aLeaseHasOneHolderUntilItExpiresOrIsReleased() {
        Instant until = at(Duration.ofSeconds(30));

        assertThat(await(store.acquireLease("crl", "one", T0, until))).isTrue();
        assertThat(await(store.acquireLease("crl", "two", T0, until))).isFalse();
        assertThat(await(store.acquireLease("other", "two", T0, until))).isTrue();
        assertThat(await(store.acquireLease("crl", "one", at(Duration.ofSeconds(10)), at(Duration.ofSeconds(40)))))
                .as("the holder extends it").isTrue();
        assertThat(await(store.acquireLease("crl", "two", at(Duration.ofSeconds(39)), at(Duration.ofSeconds(60)))))
                .as("not yet expired").isFalse();
        assertThat(await(store.acquireLease("crl", "two", at(Duration.ofSeconds(40)), at(Duration.ofSeconds(70)))))
                .as("expired").isTrue();
        await(store.releaseLease("crl", "one"));
        assertThat(await(store.acquireLease("crl", "one", at(Duration.ofSeconds(41)), at(Duration.ofSeconds(70)))))
                .as("only the holder releases it").isFalse();
        await(store.releaseLease("crl", "two"));
        assertThat(await(store.acquireLease("crl", "one", at(Duration.ofSeconds(41)), at(Duration.ofSeconds(70)))))
                .as("released").isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("leaseRaces")
    void concurrentHoldersOfALeaseHaveExactlyOneWinner(String name, boolean heldBefore) {
        if (heldBefore) {
            await(store.acquireLease("crl", "crashed", T0, at(Duration.ofSeconds(30))));
        }
        Instant now = at(Duration.ofMinutes(1));
        List<Boolean> results = awaitAll(IntStream.range(0, RACERS)
                .mapToObj(i -> store.acquireLease("crl", "holder-" + i, now, now.plusSeconds(30)))
                .toList());

        assertThat(results).containsOnlyOnce(true).hasSize(RACERS);
    }

    static Stream<Arguments> leaseRaces() {
        return Stream.of(Arguments.of("a free lease", false), Arguments.of("an expired lease", true));
    }

    // --- operator queries (vacme-server admin) --------------------------------------------------------

    /**
     * Stores a second valid order {@code order-b} for b.test with certificate {@code 9c01}, expiring in 10 days,
     * without issuer as stored before schema version 5.
     */
    void storeSecondCertificate() {
        StoredAuthorization valid = authorization("authz-b", "acct", Identifier.dns("b.test"), false,
                AuthorizationStatus.VALID, at(Duration.ofDays(30)));
        await(store.insertOrder(order("order-b", "acct", List.of(valid)), List.of(valid), null));
        await(store.beginProcessing("order-b", T0));
        await(store.reserveSerial("9c01", "order-b", T0));
        StoredCertificate soon = certificate("9c01", "acct", "order-b");
        await(store.completeOrder("order-b", new StoredCertificate(soon.serial(), soon.accountId(), soon.orderId(),
                List.of(Identifier.dns("b.test")), soon.chainPem(), soon.notBefore(), at(Duration.ofDays(10)),
                soon.issuedAt(), null, null, null, null)));
    }

    static Stream<Arguments> certificateQueries() {
        return Stream.of(
                Arguments.of("all, soonest expiry first", CertificateQuery.all(), List.of("9c01", "7f3a")),
                Arguments.of("expiring within 30 days", new CertificateQuery(at(Duration.ofDays(30)), T0, null),
                        List.of("9c01")),
                Arguments.of("already expired", new CertificateQuery(T0, null, null), List.of()),
                Arguments.of("naming a.test", new CertificateQuery(null, null, "a.test"), List.of("7f3a")),
                Arguments.of("naming a name only contained in another", new CertificateQuery(null, null, ".test"),
                        List.of()),
                Arguments.of("naming nobody", new CertificateQuery(null, null, "c.test"), List.of()),
                Arguments.of("ordered by the account, unexpired", CertificateQuery.unexpiredOf("acct", T0),
                        List.of("9c01", "7f3a")),
                Arguments.of("ordered by another account", CertificateQuery.unexpiredOf("other", T0), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("certificateQueries")
    void listsTheCertificatesAQueryAsksFor(String name, CertificateQuery query, List<String> serials) {
        storeIssuedCertificate();
        storeSecondCertificate();

        assertThat(await(store.listCertificates(query))).extracting(StoredCertificate::serial)
                .containsExactlyElementsOf(serials);
    }

    @Test
    void listsAccountsOldestFirstWithTheirCertificateCounts() {
        storeIssuedCertificate();
        storeSecondCertificate();
        await(store.insertAccountIfAbsent(account("newer", "key-2")));

        assertThat(await(store.listAccounts()))
                .extracting(summary -> summary.account().id() + ":" + summary.certificates())
                .containsExactly("acct:2", "newer:0");
    }

    @Test
    void aConsistentStoreHasNoValidOrderWithoutItsCertificateAndNoOrderWithTwo() {
        storeIssuedCertificate();
        storeSecondCertificate();

        assertThat(await(store.findValidOrdersWithoutCertificate())).isEmpty();
        assertThat(await(store.findOrdersWithSeveralCertificates())).isEmpty();
    }
}
