package dev.vacme.server.ra;

import dev.vacme.common.model.Identifier;
import dev.vacme.common.problem.Problem;
import dev.vacme.common.problem.ProblemType;
import dev.vacme.server.AcmeProblemException;
import dev.vacme.server.store.Store;
import dev.vacme.server.store.StoredAccount;
import io.vertx.core.Future;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configured rate limits ({@code rate-limits:}), counted in the store so that every instance
 * sharing the database sees the same counts. Exceeding one is 429 {@code rateLimited} with a
 * {@code Retry-After} saying when the oldest counted event leaves the window (RFC 8555 §6.6), a
 * detail naming the limit, and a {@code Link rel="help"} when a help URL is configured.
 *
 * <p>Counting then acting is not atomic: requests racing at the edge of a limit may all pass.
 * Events other than orders are recorded only while their limit is configured.
 */
public final class RateLimiter {

    /** Orders created per account. */
    public static final String NEW_ORDERS_PER_ACCOUNT = "new-orders-per-account";
    /** Accounts created per client address (IPv4) or /64 network (IPv6). */
    public static final String NEW_ACCOUNTS_PER_IP = "new-accounts-per-ip";

    /** Certificates issued per registered domain (the last two labels of a name). */
    public static final String CERTIFICATES_PER_DOMAIN = "certificates-per-domain";

    /** Certificates issued for exactly the same set of names. */
    public static final String DUPLICATE_CERTIFICATES = "duplicate-certificates";

    /** Failed authorizations per account and identifier. */
    public static final String FAILED_VALIDATIONS = "failed-validations-per-account-and-name";

    /** Every limit this version enforces, by configuration name. */
    public static final List<String> NAMES = List.of(NEW_ORDERS_PER_ACCOUNT, NEW_ACCOUNTS_PER_IP,
            CERTIFICATES_PER_DOMAIN, DUPLICATE_CERTIFICATES, FAILED_VALIDATIONS);

    private final Store store;
    private final Map<String, RateLimit> limits;
    private final Optional<URI> helpUrl;
    private final Clock clock;

    /**
     * Creates the limiter.
     *
     * @param limits  the configured limits by name (one of {@link #NAMES}); an absent one is no limit
     * @param helpUrl where the limits are explained, for the {@code Link rel="help"} header
     */
    public RateLimiter(Store store, Map<String, RateLimit> limits, Optional<URI> helpUrl, Clock clock) {
        this.store = store;
        this.limits = Map.copyOf(limits);
        this.helpUrl = helpUrl;
        this.clock = clock;
    }

    /** A limiter with no limits. */
    public static RateLimiter none(Store store, Clock clock) {
        return new RateLimiter(store, Map.of(), Optional.empty(), clock);
    }

    /** Succeeds when the account may create another order now. */
    public Future<Void> checkNewOrder(StoredAccount account) {
        RateLimit limit = limits.get(NEW_ORDERS_PER_ACCOUNT);
        if (limit == null) {
            return Future.succeededFuture();
        }
        Instant now = clock.instant();
        return store.orderCreationTimes(account.id(), now.minus(limit.window()), limit.count())
                .compose(times -> verdict(NEW_ORDERS_PER_ACCOUNT, limit, times, now,
                        "too many new orders for this account"));
    }

    /**
     * Succeeds when the account's recent failed validations of none of these identifiers reach
     * {@code failed-validations-per-account-and-name}. Wildcards count as their base name, which
     * is what their authorization validates.
     */
    public Future<Void> checkFailedValidations(StoredAccount account, List<Identifier> identifiers) {
        Future<Void> result = Future.succeededFuture();
        for (Identifier identifier : identifiers.stream().map(IdentifierPolicy::authorized).distinct().toList()) {
            result = result.compose(ok -> check(FAILED_VALIDATIONS, failureKey(account, identifier),
                    "too many failed validations of " + identifier.value() + " for this account"));
        }
        return result;
    }

    /** Counts a failed authorization of the identifier for the account. */
    public Future<Void> recordFailedValidation(StoredAccount account, Identifier identifier) {
        return record(FAILED_VALIDATIONS, List.of(failureKey(account, identifier)));
    }

    private static String failureKey(StoredAccount account, Identifier identifier) {
        return account.id() + " " + identifier.type().name().toLowerCase(java.util.Locale.ROOT) + ":"
                + identifier.value().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Succeeds when a client at this address may create another account now.
     *
     * @param clientAddress the client's IP address as text; see {@link ClientAddresses#group}
     */
    public Future<Void> checkNewAccount(String clientAddress) {
        String group = ClientAddresses.group(clientAddress);
        return check(NEW_ACCOUNTS_PER_IP, group, "too many new accounts from " + group);
    }

    /** Counts an account created by a client at this address. */
    public Future<Void> recordNewAccount(String clientAddress) {
        return record(NEW_ACCOUNTS_PER_IP, List.of(ClientAddresses.group(clientAddress)));
    }

    /**
     * Succeeds when a certificate for these identifiers may be issued now, checked at newOrder.
     *
     * @param renewal true when the order replaces (RFC 9773) an unrevoked certificate for the same
     *                names: such renewals are exempt from {@code certificates-per-domain}, not from
     *                {@code duplicate-certificates}
     */
    public Future<Void> checkNewCertificate(List<Identifier> identifiers, boolean renewal) {
        Future<Void> result = check(DUPLICATE_CERTIFICATES, NameSets.key(identifiers),
                "too many certificates for exactly these names");
        if (!renewal) {
            for (String domain : RegisteredDomains.of(identifiers)) {
                result = result.compose(ok -> check(CERTIFICATES_PER_DOMAIN, domain,
                        "too many certificates for the registered domain " + domain));
            }
        }
        return result;
    }

    /** Counts a certificate issued for these identifiers. */
    public Future<Void> recordIssued(List<Identifier> identifiers) {
        return record(CERTIFICATES_PER_DOMAIN, RegisteredDomains.of(identifiers))
                .compose(ok -> record(DUPLICATE_CERTIFICATES, List.of(NameSets.key(identifiers))));
    }

    private Future<Void> check(String name, String subject, String what) {
        RateLimit limit = limits.get(name);
        if (limit == null) {
            return Future.succeededFuture();
        }
        Instant now = clock.instant();
        return store.rateLimitEventTimes(name, subject, now.minus(limit.window()), limit.count())
                .compose(times -> verdict(name, limit, times, now, what));
    }

    private Future<Void> record(String name, Collection<String> subjects) {
        return limits.containsKey(name) ? store.recordRateLimitEvents(name, subjects, clock.instant())
                : Future.succeededFuture();
    }

    private Future<Void> verdict(String name, RateLimit limit, List<Instant> times, Instant now, String what) {
        if (times.size() < limit.count()) {
            return Future.succeededFuture();
        }
        Duration wait = Duration.between(now, times.get(0).plus(limit.window()));
        long seconds = Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0));
        return Future.failedFuture(exceeded(name, limit, what, seconds));
    }

    private AcmeProblemException exceeded(String name, RateLimit limit, String what, long retryAfterSeconds) {
        AcmeProblemException problem = new AcmeProblemException(Problem.of(ProblemType.RATE_LIMITED, what
                + ": the limit " + name + " allows " + limit + "; retry after " + retryAfterSeconds + " seconds"))
                .withHeader("Retry-After", Long.toString(retryAfterSeconds));
        return helpUrl.map(url -> problem.withHeader("Link", "<" + url + ">;rel=\"help\"")).orElse(problem);
    }
}
