package dev.vacme.server.va;

import dev.vacme.common.model.Identifier;
import dev.vacme.common.problem.Problem;
import dev.vacme.common.problem.ProblemType;
import dev.vacme.server.AcmeProblemException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The validation authority: hands each challenge to the validator registered for its type, with
 * at most a fixed number of validations in flight, a quarter of them per account and a fixed
 * number per target host (the rest queue, fairly between accounts; queueing time does not count
 * against the timeout) and a deadline on each.
 *
 * <p>Outcomes:
 * <ul>
 *   <li>the validator succeeds: {@link ValidationOutcome#valid()}, once the {@link CaaChecker}
 *       (when there is one) permits issuance for the identifier; else its {@code caa} or
 *       {@code dns} problem, as an invalid outcome;
 *   <li>it fails with an {@link AcmeProblemException}: that problem, as an invalid outcome;
 *   <li>no validator for the type: an invalid outcome with {@code serverInternal}, since the
 *       server offered a challenge it cannot check (the detail names the type, nothing else);
 *   <li>it does not finish within its deadline: an invalid outcome with {@code connection};
 *       validators enforce {@link ValidationSettings#timeout()} themselves with a more precise
 *       detail, so this backstop fires only for a validator that ignores it;
 *   <li>it fails with any other exception (a bug, or a request the server should not have
 *       made): the returned future fails with that exception, which is logged here, and the
 *       caller treats it as an internal error.
 * </ul>
 */
public final class DefaultValidationAuthority implements ValidationAuthority {

    /** How long after the validators' own timeout the backstop fires. */
    static final Duration BACKSTOP_GRACE = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(DefaultValidationAuthority.class);

    private final Vertx vertx;
    private final Map<String, ChallengeValidator> validators = new LinkedHashMap<>();
    /** How many validations may wait per slot before {@link #acceptsMore()} says no. */
    public static final int QUEUE_PER_SLOT = 16;

    /**
     * One account may run at most this fraction of the slots (a quarter) and keep at most this
     * fraction of the queue waiting, so no account can starve the others.
     */
    private static final int ACCOUNT_SHARE = 4;

    private final ConcurrencyLimiter limiter;
    private final int maxQueued;
    private final int maxQueuedPerAccount;
    private final int maxQueuedPerHost;
    private final Duration deadline;
    private final CaaChecker caa;

    /**
     * Creates the authority with the given validators (one per type).
     *
     * @param maxInFlight how many validations may run at once
     * @param deadline    the backstop: a validation still running this long after it started
     *                    fails with {@code connection}
     * @throws IllegalArgumentException when two validators claim the same type
     */
    public DefaultValidationAuthority(Vertx vertx, List<ChallengeValidator> validators, int maxInFlight,
            Duration deadline) {
        this(vertx, validators, maxInFlight, deadline, null);
    }

    /**
     * Creates the authority with the given validators (one per type) and a CAA check after each
     * successful validation.
     *
     * @param caa checks CAA once a challenge is met; null for none
     */
    public DefaultValidationAuthority(Vertx vertx, List<ChallengeValidator> validators, int maxInFlight,
            Duration deadline, CaaChecker caa) {
        this(vertx, validators, maxInFlight, ValidationSettings.DEFAULT_MAX_PER_HOST, deadline, caa);
    }

    /**
     * Creates the authority with the given validators (one per type), a limit per target host and
     * a CAA check after each successful validation.
     *
     * @param maxPerHost how many validations of one target (see {@link #target}) may run at once
     * @param caa        checks CAA once a challenge is met; null for none
     */
    public DefaultValidationAuthority(Vertx vertx, List<ChallengeValidator> validators, int maxInFlight,
            int maxPerHost, Duration deadline, CaaChecker caa) {
        this.vertx = vertx;
        this.caa = caa;
        this.limiter = new ConcurrencyLimiter(vertx, maxInFlight, Math.max(1, maxInFlight / ACCOUNT_SHARE),
                maxPerHost);
        this.maxQueued = maxInFlight * QUEUE_PER_SLOT;
        this.maxQueuedPerAccount = Math.max(QUEUE_PER_SLOT, maxQueued / ACCOUNT_SHARE);
        this.maxQueuedPerHost = Math.min(maxQueued, maxPerHost * QUEUE_PER_SLOT);
        this.deadline = deadline;
        for (ChallengeValidator validator : validators) {
            if (this.validators.putIfAbsent(validator.type(), validator) != null) {
                throw new IllegalArgumentException("two validators for challenge type " + validator.type());
            }
        }
    }

    /** Creates the authority the settings describe, asking DNS through {@link DnsJavaClient#forSettings}. */
    public static DefaultValidationAuthority create(Vertx vertx, ValidationSettings settings) {
        return create(vertx, settings, DnsJavaClient.forSettings(vertx, settings));
    }

    /**
     * Creates the authority the settings describe, with a validator for every challenge type, the
     * resolver of {@link HostResolver#forSettings} and the given DNS client; the backstop is the
     * settings' timeout plus {@link #BACKSTOP_GRACE}.
     */
    public static DefaultValidationAuthority create(Vertx vertx, ValidationSettings settings, DnsClient dns) {
        return create(vertx, settings, dns, null);
    }

    /** Creates the authority the settings describe, checking CAA with {@code caa} (null: no CAA check). */
    public static DefaultValidationAuthority create(Vertx vertx, ValidationSettings settings, DnsClient dns,
            CaaChecker caa) {
        HostResolver resolver = HostResolver.forSettings(vertx, settings);
        List<ChallengeValidator> validators = List.of(
                new Http01Validator(vertx, settings, resolver),
                new Dns01Validator(dns),
                new TlsAlpn01Validator(vertx, settings, resolver));
        return new DefaultValidationAuthority(vertx, validators, settings.maxInFlight(), settings.maxPerHost(),
                settings.timeout().plus(BACKSTOP_GRACE), caa);
    }

    @Override
    public Future<ValidationOutcome> validate(ValidationRequest request) {
        ChallengeValidator validator = validators.get(request.challengeType());
        if (validator == null) {
            return Future.succeededFuture(ValidationOutcome.invalid(Problem.of(ProblemType.SERVER_INTERNAL,
                    "This server cannot validate challenges of type "
                            + ResponseText.quote(String.valueOf(request.challengeType()), ResponseText.DETAIL_CHARS))));
        }
        return limiter.submit(request.accountId(), target(request.identifier()), () -> run(validator, request));
    }

    /**
     * The target a validation of the identifier contacts, as the limit per host counts it: the
     * name (without a wildcard's {@code *.}, in lower case) or the IP address as given.
     */
    static String target(Identifier identifier) {
        return identifier.value().toLowerCase(Locale.ROOT);
    }

    /**
     * Accepts more while fewer than {@link #QUEUE_PER_SLOT} validations per slot wait in all,
     * fewer than a quarter of those (at least {@link #QUEUE_PER_SLOT}) for the account, and fewer
     * than {@link #QUEUE_PER_SLOT} per host slot for the identifier's target: with the defaults
     * (32 slots, 8 per host, 10 s each) the queue then drains in minutes, well inside the five
     * minutes after which interrupted work is recovered, even when the target never answers.
     */
    @Override
    public boolean acceptsMore(String accountId, Identifier identifier) {
        return limiter.waiting() < maxQueued && limiter.waiting(accountId) < maxQueuedPerAccount
                && limiter.waitingFor(target(identifier)) < maxQueuedPerHost;
    }

    /** Returns how many validations are running now. */
    public int inFlight() {
        return limiter.running();
    }

    /** Returns how many validations wait for a free slot. */
    public int queued() {
        return limiter.waiting();
    }

    private Future<ValidationOutcome> run(ChallengeValidator validator, ValidationRequest request) {
        Promise<ValidationOutcome> promise = Promise.promise();
        long timer = vertx.setTimer(deadline.toMillis(), id -> promise.tryComplete(ValidationOutcome.invalid(
                Problem.of(ProblemType.CONNECTION, "Validation of " + request.identifier().value()
                        + " did not finish within " + deadline.toMillis() + " ms"))));
        Future<Void> validation;
        try {
            validation = validator.validate(request);
        } catch (RuntimeException e) {
            validation = Future.failedFuture(e);
        }
        if (caa != null) {
            validation = validation.compose(met -> caa.check(request.identifier(), request.wildcard(),
                    request.accountId(), request.challengeType()));
        }
        validation.onComplete(done -> {
            vertx.cancelTimer(timer);
            if (done.succeeded()) {
                promise.tryComplete(ValidationOutcome.valid());
            } else if (done.cause() instanceof AcmeProblemException problem) {
                promise.tryComplete(ValidationOutcome.invalid(problem.problem()));
            } else {
                LOG.error("{} validation of {} failed internally", request.challengeType(), request.identifier(),
                        done.cause());
                promise.tryFail(done.cause());
            }
        });
        return promise.future();
    }
}
