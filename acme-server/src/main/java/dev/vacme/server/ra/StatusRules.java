package dev.vacme.server.ra;

import dev.vacme.common.model.AuthorizationStatus;
import dev.vacme.common.model.ChallengeStatus;
import dev.vacme.common.model.OrderStatus;
import dev.vacme.common.problem.Problem;
import dev.vacme.common.problem.ProblemType;
import dev.vacme.server.store.StoredAuthorization;
import dev.vacme.server.store.StoredChallenge;
import dev.vacme.server.store.StoredOrder;
import java.time.Instant;
import java.util.List;

/**
 * The status state machines of RFC 8555 §7.1.6, applied at read time: an authorization past its
 * expiry is {@code expired}; a pending order is {@code invalid} once it expires or any of its
 * authorizations fails, {@code ready} once all of them are valid, and {@code pending} otherwise.
 */
public final class StatusRules {

    private StatusRules() {
    }

    /** Derives an authorization's status at {@code now}. */
    public static AuthorizationSnapshot authorization(StoredAuthorization authorization, Instant now) {
        AuthorizationStatus stored = authorization.status();
        boolean expirable = stored == AuthorizationStatus.PENDING || stored == AuthorizationStatus.VALID;
        boolean expired = expirable && !authorization.expires().isAfter(now);
        return new AuthorizationSnapshot(authorization, expired ? AuthorizationStatus.EXPIRED : stored);
    }

    /** Derives an order's status at {@code now} from its stored authorizations. */
    public static OrderSnapshot orderWithAuthorizations(StoredOrder order, List<StoredAuthorization> authorizations,
            Instant now) {
        return order(order, authorizations.stream().map(authz -> authorization(authz, now)).toList(), now);
    }

    /** Derives an order's status at {@code now} from its authorizations. */
    public static OrderSnapshot order(StoredOrder order, List<AuthorizationSnapshot> authorizations, Instant now) {
        if (order.status() != OrderStatus.PENDING) {
            return new OrderSnapshot(order, order.status(), order.error());
        }
        if (!order.expires().isAfter(now)) {
            return new OrderSnapshot(order, OrderStatus.INVALID,
                    Problem.of(ProblemType.MALFORMED, "the order expired before it was finalized"));
        }
        for (AuthorizationSnapshot snapshot : authorizations) {
            if (snapshot.status() != AuthorizationStatus.VALID && snapshot.status() != AuthorizationStatus.PENDING) {
                return new OrderSnapshot(order, OrderStatus.INVALID, failure(snapshot));
            }
        }
        boolean allValid = !authorizations.isEmpty()
                && authorizations.stream().allMatch(a -> a.status() == AuthorizationStatus.VALID);
        return new OrderSnapshot(order, allValid ? OrderStatus.READY : OrderStatus.PENDING, null);
    }

    private static Problem failure(AuthorizationSnapshot snapshot) {
        String name = snapshot.authorization().identifier().value();
        Problem challengeError = snapshot.authorization().challenges().stream()
                .filter(c -> c.status() == ChallengeStatus.INVALID && c.error() != null)
                .map(StoredChallenge::error)
                .findFirst()
                .orElse(null);
        if (challengeError != null) {
            return new Problem(challengeError.type(), null, challengeError.status(),
                    "authorization for " + name + " failed: " + challengeError.detail(), null, null, null, null);
        }
        return Problem.of(ProblemType.UNAUTHORIZED,
                "authorization for " + name + " is " + snapshot.status().wireName());
    }
}
