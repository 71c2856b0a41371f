package dev.vacme.server.ra;

import dev.vacme.common.challenge.KeyAuthorizations;
import dev.vacme.common.model.AuthorizationStatus;
import dev.vacme.common.model.ChallengeStatus;
import dev.vacme.common.problem.Problem;
import dev.vacme.common.problem.ProblemType;
import dev.vacme.server.AcmeProblemException;
import dev.vacme.server.audit.AuditEvent;
import dev.vacme.server.audit.AuditLog;
import dev.vacme.server.store.Store;
import dev.vacme.server.store.StoredAccount;
import dev.vacme.server.store.StoredAuthorization;
import dev.vacme.server.store.StoredChallenge;
import dev.vacme.server.va.ValidationAuthority;
import dev.vacme.server.va.ValidationOutcome;
import dev.vacme.server.va.ValidationRequest;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authorizations and challenges (RFC 8555 §7.5): lookup, deactivation, and responding to a
 * challenge, which starts an asynchronous validation and answers at once with the challenge in
 * {@code processing} (§7.5.1).
 */
public final class AuthorizationService {

    private static final Logger LOG = LoggerFactory.getLogger(AuthorizationService.class);
    /**
     * How long a challenge response waits for its validation before answering: a quick validation
     * (a local web server answers in milliseconds) is then answered in its final state, and the
     * client's first poll finds the authorization done instead of sleeping through a Retry-After.
     */
    private static final java.time.Duration QUICK_VALIDATION_WAIT = java.time.Duration.ofMillis(800);

    /** When a client turned away because validation is saturated should respond again (RFC 8555 §6.6). */
    private static final java.time.Duration BUSY_RETRY_AFTER = java.time.Duration.ofSeconds(10);

    private final Store store;
    private final StoreRetry retry;
    private final ValidationAuthority validation;
    private final RaSettings settings;
    private final Clock clock;
    private final AuditLog audit;
    private final RateLimiter rateLimiter;

    /**
     * Creates the service; it reports each validation attempt to {@code audit} and counts failed
     * validations for {@code failed-validations-per-account-and-name}.
     */
    public AuthorizationService(Store store, StoreRetry retry, ValidationAuthority validation, RaSettings settings,
            Clock clock, AuditLog audit, RateLimiter rateLimiter) {
        this.audit = audit;
        this.rateLimiter = rateLimiter;
        this.store = store;
        this.retry = retry;
        this.validation = validation;
        this.settings = settings;
        this.clock = clock;
    }

    /** Returns one of the account's authorizations; 404 when it is not the account's. */
    public Future<AuthorizationSnapshot> get(StoredAccount account, String authorizationId) {
        return store.findAuthorization(authorizationId).map(found -> {
            StoredAuthorization authorization = found.filter(a -> a.accountId().equals(account.id()))
                    .orElseThrow(() -> NotFound.of("authorization"));
            return StatusRules.authorization(authorization, clock.instant());
        });
    }

    /** Deactivates a pending or valid authorization (RFC 8555 §7.5.2). */
    public Future<AuthorizationSnapshot> deactivate(StoredAccount account, String authorizationId) {
        return get(account, authorizationId).compose(snapshot -> {
            AuthorizationStatus status = snapshot.status();
            if (status != AuthorizationStatus.PENDING && status != AuthorizationStatus.VALID) {
                throw AcmeProblemException.of(ProblemType.MALFORMED,
                        "only a pending or valid authorization can be deactivated, not a " + status.wireName() + " one");
            }
            return store.deactivateAuthorization(authorizationId).compose(changed -> get(account, authorizationId));
        });
    }

    /**
     * Responds to a challenge: moves it to {@code processing} and starts its validation in the
     * background, answering once the validation is recorded or after {@link #QUICK_VALIDATION_WAIT},
     * whichever comes first. A repeated response, or one to a challenge that is no longer pending, changes
     * nothing and returns the current state (RFC 8555 §7.5.1).
     *
     * @return the authorization and the challenge, as they are after the response
     */
    public Future<ChallengeSnapshot> respond(StoredAccount account, String authorizationId, String challengeId) {
        return get(account, authorizationId).compose(snapshot -> {
            StoredChallenge challenge = find(snapshot.authorization(), challengeId);
            if (snapshot.status() == AuthorizationStatus.EXPIRED) {
                throw AcmeProblemException.of(ProblemType.MALFORMED, "the authorization has expired");
            }
            if (snapshot.status() != AuthorizationStatus.PENDING || challenge.status() != ChallengeStatus.PENDING) {
                return Future.succeededFuture(new ChallengeSnapshot(snapshot, challenge));
            }
            if (!validation.acceptsMore(account.id(), snapshot.authorization().identifier())) {
                throw new AcmeProblemException(Problem.of(ProblemType.RATE_LIMITED,
                        "too many validations are waiting; respond to the challenge again later"))
                        .withHeader("Retry-After", Long.toString(BUSY_RETRY_AFTER.toSeconds()));
            }
            Instant now = clock.instant();
            return store.startChallenge(challengeId, now).compose(started -> {
                if (!started) {
                    return challenge(account, authorizationId, challengeId);
                }
                return validateInBackground(account, snapshot.authorization(), challenge)
                        .timeout(QUICK_VALIDATION_WAIT.toMillis(), TimeUnit.MILLISECONDS)
                        .otherwiseEmpty()
                        .compose(ignored -> challenge(account, authorizationId, challengeId));
            });
        });
    }

    /** Returns a challenge with its authorization; 404 when either is not the account's. */
    public Future<ChallengeSnapshot> challenge(StoredAccount account, String authorizationId, String challengeId) {
        return get(account, authorizationId)
                .map(snapshot -> new ChallengeSnapshot(snapshot, find(snapshot.authorization(), challengeId)));
    }

    /** Validates the challenge and records the outcome; the returned future tells when it is recorded. */
    private Future<Boolean> validateInBackground(StoredAccount account, StoredAuthorization authorization,
            StoredChallenge challenge) {
        ValidationRequest request = new ValidationRequest(challenge.type(), authorization.identifier(),
                challenge.token(), KeyAuthorizations.keyAuthorization(challenge.token(), account.publicJwk()),
                account.id(), authorization.wildcard());
        return validation.validate(request)
                .recover(error -> {
                    LOG.error("validation of challenge {} failed internally", challenge.id(), error);
                    return Future.succeededFuture(ValidationOutcome.invalid(Problem.of(ProblemType.SERVER_INTERNAL,
                            "the validation could not be completed because of an internal error")));
                })
                .onSuccess(outcome -> audit.record(AuditNames.validation(request, authorization, challenge, outcome)))
                .compose(outcome -> retry.run(() -> record(challenge, outcome))
                        .compose(recorded -> countFailure(account, authorization, outcome, recorded)))
                .onFailure(error -> LOG.error("cannot record the validation of challenge {}", challenge.id(), error));
    }

    /**
     * Counts a recorded failed validation against the account and name; a failure of the server's
     * own is not the client's and is not counted.
     */
    private Future<Boolean> countFailure(StoredAccount account, StoredAuthorization authorization,
            ValidationOutcome outcome, boolean recorded) {
        if (!recorded || outcome.isValid() || outcome.error().kind() == ProblemType.SERVER_INTERNAL) {
            return Future.succeededFuture(recorded);
        }
        return rateLimiter.recordFailedValidation(account, authorization.identifier()).map(recorded);
    }

    private Future<Boolean> record(StoredChallenge challenge, ValidationOutcome outcome) {
        Instant now = clock.instant();
        Instant expires = outcome.isValid() ? now.plus(settings.validAuthorizationLifetime()) : null;
        return store.completeChallenge(challenge.id(), now, outcome.error(), expires);
    }

    private static StoredChallenge find(StoredAuthorization authorization, String challengeId) {
        return authorization.challenges().stream()
                .filter(c -> c.id().equals(challengeId))
                .findFirst()
                .orElseThrow(() -> NotFound.of("challenge"));
    }


    /**
     * A challenge and the authorization it belongs to.
     *
     * @param authorization the authorization with its derived status
     * @param challenge     the challenge
     */
    public record ChallengeSnapshot(AuthorizationSnapshot authorization, StoredChallenge challenge) {
    }
}
