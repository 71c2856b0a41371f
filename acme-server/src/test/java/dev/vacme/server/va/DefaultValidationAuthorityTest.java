package dev.vacme.server.va;

import static dev.vacme.server.va.Http01ValidatorTest.PREFIX;
import static dev.vacme.server.va.Http01ValidatorTest.ka;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.common.model.Identifier;
import dev.vacme.common.problem.Problem;
import dev.vacme.common.problem.ProblemType;
import dev.vacme.server.AcmeProblemException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DefaultValidationAuthorityTest {

    private static Vertx vertx;
    private static ChallengeResponder http;
    private static ValidationSettings settings;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        http = ChallengeResponder.start(vertx, "127.0.0.1", 0);
        http.answer(PREFIX + "ok", 200, ka("ok") + "\n");
        http.answer(PREFIX + "wrong", 200, "nope");
        settings = ValidationSettings.defaults()
                .withHttp01Port(http.port())
                .withHostOverrides(List.of(HostOverride.parse("*.test=127.0.0.1")))
                .withAllowedNetworks(List.of(Cidr.parse("127.0.0.0/8")))
                .withTimeout(Duration.ofSeconds(5));
    }

    @AfterAll
    static void stop() throws Exception {
        Await.result(vertx.close());
    }

    @Test
    void createdFromSettingsValidatesHttp01() throws Exception {
        DefaultValidationAuthority authority = DefaultValidationAuthority.create(vertx, settings);
        assertThat(Await.result(authority.validate(request("http-01", "ok")))).isEqualTo(ValidationOutcome.valid());
        assertThat(Await.result(authority.validate(request("http-01", "wrong")))).isEqualTo(ValidationOutcome.invalid(
                Problem.of(ProblemType.INCORRECT_RESPONSE, "127.0.0.1: The key authorization file from http://a.test:"
                        + http.port() + "/.well-known/acme-challenge/wrong did not match this challenge: expected \""
                        + ka("wrong") + "\", received \"nope\"")));
        assertThat(authority.inFlight()).isZero();
    }

    @Test
    void acceptsNoMoreOnceSixteenValidationsWaitPerSlot() {
        io.vertx.core.Promise<Void> never = io.vertx.core.Promise.promise();
        DefaultValidationAuthority authority = new DefaultValidationAuthority(vertx,
                List.of(fake(r -> never.future())), 1, Duration.ofMinutes(1));

        authority.validate(request("fake-01", "running"));
        for (int i = 0; i < DefaultValidationAuthority.QUEUE_PER_SLOT - 1; i++) {
            authority.validate(request("fake-01", "waiting" + i));
        }
        boolean beforeTheLast = authority.acceptsMore("acct", Identifier.dns("a.test"));
        authority.validate(request("fake-01", "last"));

        assertThat(beforeTheLast).isTrue();
        assertThat(authority.queued()).isEqualTo(DefaultValidationAuthority.QUEUE_PER_SLOT);
        assertThat(authority.acceptsMore("acct", Identifier.dns("a.test"))).isFalse();
        never.complete();
    }

    @Test
    void oneAccountStuckOnASlowHostCannotStarveAnother() throws Exception {
        io.vertx.core.Promise<Void> never = io.vertx.core.Promise.promise();
        DefaultValidationAuthority authority = new DefaultValidationAuthority(vertx,
                List.of(fake(r -> r.accountId().equals("flooder") ? never.future() : Future.succeededFuture())),
                4, Duration.ofMinutes(1));
        int flood = DefaultValidationAuthority.QUEUE_PER_SLOT + 1; // one running, sixteen waiting
        for (int i = 0; i < flood; i++) {
            authority.validate(request("fake-01", "flood" + i, "flooder"));
        }

        ValidationOutcome other = Await.result(authority.validate(request("fake-01", "mine", "other")));

        assertThat(other.isValid()).as("another account's validation runs while the flood waits").isTrue();
        assertThat(authority.inFlight()).as("the flooding account runs only its quarter of the 4 slots").isEqualTo(1);
        assertThat(authority.acceptsMore("flooder", Identifier.dns("a.test"))).isFalse();
        assertThat(authority.acceptsMore("other", Identifier.dns("a.test"))).isTrue();
        never.complete();
    }

    @Test
    void manyAccountsAimingAtAHostThatNeverAnswersGetOnlyItsShareOfTheSlots() throws Exception {
        Promise<Void> never = Promise.promise();
        DefaultValidationAuthority authority = new DefaultValidationAuthority(vertx,
                List.of(fake(r -> r.identifier().value().equalsIgnoreCase("dead.test")
                        ? never.future() : Future.succeededFuture())),
                8, 2, Duration.ofMinutes(1), null);
        for (int i = 0; i < 6; i++) {
            authority.validate(request("fake-01", "dead" + i, "account" + i, "DEAD.test"));
        }

        ValidationOutcome live = Await.result(authority.validate(request("fake-01", "live", "other", "live.test")));

        assertThat(live.isValid()).as("a validation of another host runs at once").isTrue();
        assertThat(authority.inFlight()).as("two for dead.test, whatever the case of its name").isEqualTo(2);
        assertThat(authority.queued()).isEqualTo(4);
        never.complete();
    }

    @Test
    void acceptsNoMoreForAHostOnceSixteenWaitPerHostSlot() {
        Promise<Void> never = Promise.promise();
        DefaultValidationAuthority authority = new DefaultValidationAuthority(vertx, List.of(fake(r -> never.future())),
                32, 1, Duration.ofMinutes(1), null);
        Identifier dead = Identifier.dns("dead.test");
        authority.validate(request("fake-01", "running", "account-running", "dead.test"));
        for (int i = 0; i < DefaultValidationAuthority.QUEUE_PER_SLOT - 1; i++) {
            authority.validate(request("fake-01", "waiting" + i, "account" + i, "dead.test"));
        }
        boolean beforeTheLast = authority.acceptsMore("newcomer", dead);
        authority.validate(request("fake-01", "last", "account-last", "dead.test"));

        assertThat(beforeTheLast).isTrue();
        assertThat(authority.acceptsMore("newcomer", dead)).as("a 17th waiting for one host slot").isFalse();
        assertThat(authority.acceptsMore("newcomer", Identifier.dns("live.test"))).isTrue();
        assertThat(authority.acceptsMore("newcomer", Identifier.ip("192.0.2.1"))).isTrue();
        never.complete();
    }

    @Test
    void theTargetIsTheNameInLowerCaseOrTheAddress() {
        assertThat(DefaultValidationAuthority.target(Identifier.dns("WWW.Example.test"))).isEqualTo("www.example.test");
        assertThat(DefaultValidationAuthority.target(Identifier.ip("192.0.2.1"))).isEqualTo("192.0.2.1");
    }

    @Test
    void theDefaultSettingsWithPort80Work() {
        assertThat(DefaultValidationAuthority.create(vertx, ValidationSettings.defaults())).isNotNull();
        assertThat(DefaultValidationAuthority.create(vertx, ValidationSettings.defaults().withHttp01Port(443)))
                .isNotNull();
    }

    @Test
    void anUnknownChallengeTypeIsAnInternalProblemOutcome() throws Exception {
        DefaultValidationAuthority authority = DefaultValidationAuthority.create(vertx, settings);
        assertThat(Await.result(authority.validate(request("dns-account-01", "ok")))).isEqualTo(
                ValidationOutcome.invalid(Problem.of(ProblemType.SERVER_INTERNAL,
                        "This server cannot validate challenges of type \"dns-account-01\"")));
    }

    @Test
    void aProblemFromTheValidatorBecomesAnInvalidOutcome() throws Exception {
        AcmeProblemException problem = AcmeProblemException.of(ProblemType.UNAUTHORIZED, "no");
        assertThat(Await.result(authority(r -> Future.failedFuture(problem), Duration.ofSeconds(5))
                .validate(request("fake-01", "t")))).isEqualTo(ValidationOutcome.invalid(problem.problem()));
        assertThat(Await.result(authority(r -> { throw problem; }, Duration.ofSeconds(5))
                .validate(request("fake-01", "t")))).isEqualTo(ValidationOutcome.invalid(problem.problem()));
    }

    @Test
    void anyOtherFailureFailsTheFutureAndFreesTheSlot() throws Exception {
        IllegalStateException bug = new IllegalStateException("bug");
        DefaultValidationAuthority failing = authority(r -> Future.failedFuture(bug), Duration.ofSeconds(5));
        assertThat(Await.failure(failing.validate(request("fake-01", "t")))).isSameAs(bug);
        assertThat(failing.inFlight()).isZero();
        DefaultValidationAuthority throwing = authority(r -> { throw bug; }, Duration.ofSeconds(5));
        assertThat(Await.failure(throwing.validate(request("fake-01", "t")))).isSameAs(bug);
        assertThat(throwing.inFlight()).isZero();
    }

    @Test
    void aValidatorThatNeverFinishesHitsTheBackstop() throws Exception {
        DefaultValidationAuthority authority = authority(r -> Promise.<Void>promise().future(), Duration.ofMillis(200));
        assertThat(Await.result(authority.validate(request("fake-01", "t")))).isEqualTo(ValidationOutcome.invalid(
                Problem.of(ProblemType.CONNECTION, "Validation of a.test did not finish within 200 ms")));
        assertThat(authority.inFlight()).isZero();
    }

    @Test
    void twoValidatorsForOneTypeAreRefused() {
        ChallengeValidator one = fake(r -> Future.succeededFuture());
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                new DefaultValidationAuthority(vertx, List.of(one, one), 1, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("two validators for challenge type fake-01");
    }

    @Test
    void noMoreThanMaxInFlightReachTheResponders() throws Exception {
        BlockingQueue<HttpServerRequest> held = new LinkedBlockingQueue<>();
        AtomicInteger pending = new AtomicInteger();
        AtomicInteger mostPending = new AtomicInteger();
        for (String token : List.of("hold-1", "hold-2", "hold-3")) {
            http.on(PREFIX + token, request -> {
                mostPending.accumulateAndGet(pending.incrementAndGet(), Math::max);
                held.add(request);
            });
        }
        DefaultValidationAuthority authority = DefaultValidationAuthority.create(vertx, settings.withMaxInFlight(2));
        List<Future<ValidationOutcome>> outcomes = List.of(
                authority.validate(request("http-01", "hold-1", "a")),
                authority.validate(request("http-01", "hold-2", "b")),
                authority.validate(request("http-01", "hold-3", "c")));

        HttpServerRequest first = take(held);
        HttpServerRequest second = take(held);
        assertThat(List.of(first.path(), second.path())).containsExactlyInAnyOrder(PREFIX + "hold-1", PREFIX + "hold-2");
        assertThat(authority.inFlight()).isEqualTo(2);
        assertThat(authority.queued()).isEqualTo(1);
        assertThat(outcomes).noneMatch(Future::isComplete);

        release(first, pending);
        HttpServerRequest third = take(held);
        assertThat(third.path()).isEqualTo(PREFIX + "hold-3");
        assertThat(authority.queued()).isZero();
        release(second, pending);
        release(third, pending);
        for (Future<ValidationOutcome> outcome : outcomes) {
            assertThat(Await.result(outcome)).isEqualTo(ValidationOutcome.valid());
        }
        assertThat(mostPending.get()).isEqualTo(2);
        assertThat(authority.inFlight()).isZero();
    }

    private static HttpServerRequest take(BlockingQueue<HttpServerRequest> held) throws InterruptedException {
        HttpServerRequest request = held.poll(10, TimeUnit.SECONDS);
        assertThat(request).as("a request reached the responder").isNotNull();
        return request;
    }

    private static void release(HttpServerRequest request, AtomicInteger pending) {
        pending.decrementAndGet();
        String token = request.path().substring(PREFIX.length());
        request.response().end(ka(token));
    }

    private static DefaultValidationAuthority authority(Function<ValidationRequest, Future<Void>> behaviour,
            Duration deadline) {
        return new DefaultValidationAuthority(vertx, List.of(fake(behaviour)), 2, deadline);
    }

    private static ChallengeValidator fake(Function<ValidationRequest, Future<Void>> behaviour) {
        return new ChallengeValidator() {
            @Override
            public String type() {
                return "fake-01";
            }

            @Override
            public Future<Void> validate(ValidationRequest request) {
                return behaviour.apply(request);
            }
        };
    }

    private static ValidationRequest request(String type, String token) {
        return request(type, token, "acct");
    }

    private static ValidationRequest request(String type, String token, String accountId) {
        return request(type, token, accountId, "a.test");
    }

    private static ValidationRequest request(String type, String token, String accountId, String name) {
        return new ValidationRequest(type, Identifier.dns(name), token, ka(token), accountId);
    }
}
