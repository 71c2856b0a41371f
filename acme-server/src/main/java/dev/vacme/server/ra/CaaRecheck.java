package dev.vacme.server.ra;

import dev.vacme.common.model.ChallengeStatus;
import dev.vacme.common.problem.Problem;
import dev.vacme.common.problem.ProblemType;
import dev.vacme.server.AcmeProblemException;
import dev.vacme.server.store.Store;
import dev.vacme.server.store.StoredAuthorization;
import dev.vacme.server.store.StoredChallenge;
import dev.vacme.server.va.CaaChecker;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks CAA again at finalize for every authorization validated longer ago than a configured
 * age (8 hours by default, as the CA/Browser Forum's Baseline Requirements allow): a reused
 * authorization may be days old, and the domain's CAA records may have changed since.
 *
 * <p>Every stale identifier is checked; a refusal is {@code caa} with one subproblem per refused
 * identifier; when DNS could not answer for any of them it is {@code dns}.
 */
public final class CaaRecheck {

    private final Store store;
    private final CaaChecker caa;
    private final Duration maxAge;
    private final Clock clock;

    /**
     * Creates the recheck.
     *
     * @param caa    the checker; null turns the recheck off (CAA is then never checked)
     * @param maxAge validations older than this are checked again
     */
    public CaaRecheck(Store store, CaaChecker caa, Duration maxAge, Clock clock) {
        this.store = store;
        this.caa = caa;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** Succeeds when issuance for the order may go ahead as far as CAA is concerned. */
    public Future<Void> beforeIssuing(OrderSnapshot snapshot) {
        if (caa == null) {
            return Future.succeededFuture();
        }
        return store.findAuthorizations(snapshot.order().authorizationIds()).compose(this::checkStale);
    }

    private Future<Void> checkStale(List<StoredAuthorization> authorizations) {
        Instant staleBefore = clock.instant().minus(maxAge);
        List<Future<Void>> checks = new ArrayList<>();
        for (StoredAuthorization authorization : authorizations) {
            validatedBy(authorization)
                    .filter(challenge -> challenge.validatedAt().isBefore(staleBefore))
                    .ifPresent(challenge -> checks.add(caa.check(authorization.identifier(), authorization.wildcard(),
                            authorization.accountId(), challenge.type())));
        }
        return Future.join(checks).transform(done -> verdict(checks));
    }

    private static Optional<StoredChallenge> validatedBy(StoredAuthorization authorization) {
        return authorization.challenges().stream()
                .filter(c -> c.status() == ChallengeStatus.VALID && c.validatedAt() != null)
                .findFirst();
    }

    private static Future<Void> verdict(List<Future<Void>> checks) {
        List<Problem> problems = new ArrayList<>();
        for (Future<Void> check : checks) {
            if (check.failed()) {
                if (!(check.cause() instanceof AcmeProblemException refusal)) {
                    return Future.failedFuture(check.cause());
                }
                problems.add(refusal.problem());
            }
        }
        if (problems.isEmpty()) {
            return Future.succeededFuture();
        }
        boolean allCaa = problems.stream().allMatch(p -> p.kind() == ProblemType.CAA);
        ProblemType type = allCaa ? ProblemType.CAA : ProblemType.DNS;
        String detail = problems.size() == 1 ? problems.get(0).detail()
                : (allCaa ? "CAA records forbid issuance for " : "CAA could not be checked for ") + problems.size()
                        + " of the identifiers; see the subproblems";
        return Future.failedFuture(new AcmeProblemException(Problem.of(type, detail).withSubproblems(problems)));
    }
}
