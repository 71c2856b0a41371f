package dev.vacme.server.ra;

import dev.vacme.common.model.AuthorizationStatus;
import dev.vacme.common.model.ChallengeStatus;
import dev.vacme.common.model.Identifier;
import dev.vacme.common.model.NewOrderRequest;
import dev.vacme.common.model.OrderStatus;
import dev.vacme.common.problem.ProblemType;
import dev.vacme.server.AcmeProblemException;
import dev.vacme.server.audit.AuditEvent;
import dev.vacme.server.audit.AuditLog;
import dev.vacme.server.store.Replacement;
import dev.vacme.server.store.Store;
import dev.vacme.server.store.StoredAccount;
import dev.vacme.server.store.StoredAuthorization;
import dev.vacme.server.store.StoredChallenge;
import dev.vacme.server.store.StoredOrder;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Orders (RFC 8555 §7.4): creation with authorization reuse, lookup with the status derived as
 * §7.1.6 says, and the account's orders list (§7.1.2.1).
 */
public final class OrderService {

    /** A reused authorization must stay valid at least this long into the new order's life. */
    private static final Duration REUSE_MARGIN = Duration.ofHours(1);

    private final Store store;
    private final RaSettings settings;
    private final IdentifierPolicy identifierPolicy;
    private final ChallengePolicy challengePolicy;
    private final RateLimiter rateLimiter;
    private final RenewalInfoService renewals;
    private final ProfilePolicy profiles;
    private final RandomIds ids;
    private final Clock clock;
    private final AuditLog audit;

    /** Creates the service; it reports new orders to {@code audit}. */
    public OrderService(Store store, RaSettings settings, IdentifierPolicy identifierPolicy,
            ChallengePolicy challengePolicy, RateLimiter rateLimiter, RenewalInfoService renewals,
            ProfilePolicy profiles, RandomIds ids, Clock clock, AuditLog audit) {
        this.rateLimiter = rateLimiter;
        this.audit = audit;
        this.store = store;
        this.settings = settings;
        this.identifierPolicy = identifierPolicy;
        this.challengePolicy = challengePolicy;
        this.renewals = renewals;
        this.profiles = profiles;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * One page of an account's orders.
     *
     * @param orderIds the order ids on this page
     * @param hasNext  whether another page follows
     */
    public record OrderPage(List<String> orderIds, boolean hasNext) {
    }

    /**
     * Creates an order (RFC 8555 §7.4) under the requested or default profile
     * (draft-ietf-acme-profiles §4), reusing the account's valid authorizations.
     */
    public Future<OrderSnapshot> create(StoredAccount account, NewOrderRequest request) {
        if (request.notBefore() != null || request.notAfter() != null) {
            return Future.failedFuture(AcmeProblemException.of(ProblemType.MALFORMED,
                    "notBefore and notAfter are not supported; a certificate's lifetime is its profile's"));
        }
        List<Identifier> identifiers = identifierPolicy.normalize(request.identifiers());
        challengePolicy.checkOrder(identifiers);
        return profiles.choose(account, request.profile(), identifiers)
                .compose(profile -> create(account, request, identifiers, profile.name()));
    }

    private Future<OrderSnapshot> create(StoredAccount account, NewOrderRequest request, List<Identifier> identifiers,
            String profile) {
        Instant now = clock.instant();
        return rateLimiter.checkFailedValidations(account, identifiers)
                .compose(allowed -> request.replaces() == null
                        ? Future.<RenewalInfoService.Claim>succeededFuture(null)
                        : renewals.claimReplacement(account, request.replaces(), identifiers))
                .compose(claim -> rateLimiter.checkNewCertificate(account, identifiers,
                                claim != null && claim.renewsSameNames())
                        .map(claim == null ? null : claim.replacement()))
                .compose(claim -> reusable(account, identifiers, now)
                .compose(reusable -> rateLimiter.admitNewOrder(account)
                        .compose(admitted -> insert(account, identifiers, profile, reusable, claim,
                                request.replaces(), now))));
    }

    /** Returns whether the order renews the exact names of the certificate it replaces (RFC 9773). */
    Future<Boolean> renewsSameNames(StoredOrder order) {
        return renewals.renewsSameNames(order);
    }

    /** Finds the account's valid authorizations, plain and wildcard, the new order may reuse. */
    private Future<List<StoredAuthorization>> reusable(StoredAccount account, List<Identifier> identifiers,
            Instant now) {
        Instant validAfter = now.plus(REUSE_MARGIN);
        List<Identifier> wildcards = identifiers.stream().filter(IdentifierPolicy::isWildcard)
                .map(IdentifierPolicy::authorized).toList();
        List<Identifier> plain = identifiers.stream().filter(id -> !IdentifierPolicy.isWildcard(id)).toList();
        Future<List<StoredAuthorization>> forPlain = plain.isEmpty() ? Future.succeededFuture(List.of())
                : store.findValidAuthorizations(account.id(), plain, false, validAfter);
        Future<List<StoredAuthorization>> forWildcards = wildcards.isEmpty() ? Future.succeededFuture(List.of())
                : store.findValidAuthorizations(account.id(), wildcards, true, validAfter);
        return Future.all(forPlain, forWildcards).map(both -> {
            List<StoredAuthorization> all = new ArrayList<>(forPlain.result());
            all.addAll(forWildcards.result());
            return all;
        });
    }

    private Future<OrderSnapshot> insert(StoredAccount account, List<Identifier> identifiers, String profile,
            List<StoredAuthorization> reusable, Replacement claim, String replaces, Instant now) {
        Map<String, StoredAuthorization> byIdentifier = new HashMap<>();
        reusable.forEach(authz -> byIdentifier.put(reuseKey(authz.identifier(), authz.wildcard()), authz));
        List<StoredAuthorization> fresh = new ArrayList<>();
        List<String> authorizationIds = new ArrayList<>();
        Instant expires = now.plus(settings.orderLifetime());
        for (Identifier identifier : identifiers) {
            boolean wildcard = IdentifierPolicy.isWildcard(identifier);
            Identifier authorized = IdentifierPolicy.authorized(identifier);
            StoredAuthorization authz = byIdentifier.get(reuseKey(authorized, wildcard));
            if (authz == null) {
                authz = newAuthorization(account, authorized, wildcard, now);
                fresh.add(authz);
            }
            authorizationIds.add(authz.id());
            if (authz.expires().isBefore(expires)) {
                expires = authz.expires();
            }
        }
        StoredOrder order = new StoredOrder(ids.resourceId(), account.id(), OrderStatus.PENDING, expires, identifiers,
                null, null, profile, replaces, authorizationIds, null, null, now);
        return store.insertOrder(order, fresh, claim).compose(inserted -> {
            if (!inserted) {
                return Future.failedFuture(AcmeProblemException.of(ProblemType.ALREADY_REPLACED,
                        "another order already replaces certificate " + replaces));
            }
            audit.record(new AuditEvent.OrderCreated(account.id(), order.id(), AuditNames.of(identifiers)));
            return get(account, order.id());
        });
    }

    private static String reuseKey(Identifier identifier, boolean wildcard) {
        return (wildcard ? "*" : "") + identifier;
    }

    /** A new pending authorization offering the challenges the {@link ChallengePolicy} picks. */
    private StoredAuthorization newAuthorization(StoredAccount account, Identifier identifier, boolean wildcard,
            Instant now) {
        String authzId = ids.resourceId();
        List<StoredChallenge> challenges = challengePolicy.offer(identifier, wildcard).stream()
                .map(type -> new StoredChallenge(ids.resourceId(), authzId, type, ids.token(),
                        ChallengeStatus.PENDING, null, null))
                .toList();
        return new StoredAuthorization(authzId, account.id(), identifier, wildcard, AuthorizationStatus.PENDING,
                now.plus(settings.pendingAuthorizationLifetime()), challenges, now);
    }

    /** Returns an order of the account with its derived status; 404 when it is not the account's. */
    public Future<OrderSnapshot> get(StoredAccount account, String orderId) {
        return store.findOrder(orderId).compose(found -> {
            StoredOrder order = found.filter(o -> o.accountId().equals(account.id()))
                    .orElseThrow(() -> NotFound.of("order"));
            return store.findAuthorizations(order.authorizationIds())
                    .map(authorizations -> StatusRules.orderWithAuthorizations(order, authorizations, clock.instant()));
        });
    }

    /** Returns one page (0-based) of the account's orders, leaving out those a client sees as invalid. */
    public Future<OrderPage> list(StoredAccount account, int page) {
        int size = settings.ordersPerPage();
        long offset = (long) page * size;
        if (offset > Integer.MAX_VALUE - size) {
            return Future.succeededFuture(new OrderPage(List.of(), false));
        }
        return store.listOrderIds(account.id(), (int) offset, size + 1, clock.instant()).map(orderIds -> orderIds.size() > size
                ? new OrderPage(orderIds.subList(0, size), true)
                : new OrderPage(orderIds, false));
    }
}
