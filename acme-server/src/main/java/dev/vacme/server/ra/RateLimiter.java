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
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The configured rate limits ({@code rate-limits:}), counted in the store so that every instance
 * sharing the database sees the same counts. Exceeding one is 429 {@code rateLimited} with a
 * {@code Retry-After} saying when the oldest counted event leaves the window (RFC 8555 §6.6), a
 * detail naming the limit, and a {@code Link rel="help"} when a help URL is configured.
 *
 * <p>Where the request is the event (a new account, a new order, an issuance at finalize), the
 * limit is checked and the event recorded in one atomic store step, so racing requests cannot
 * pass a limit of N more than N times. The certificate limits are also checked, without
 * recording, at newOrder, so that a client learns early; failed validations are checked at
 * newOrder and recorded when an authorization fails. Events are recorded only while their limit
 * applies (by default or for some account).
 */
public final class RateLimiter {

    /** Orders created per account. */
    public static final String NEW_ORDERS_PER_ACCOUNT = "new-orders-per-account";
    /** Accounts created per client address (IPv4) or /64 network (IPv6). */
    public static final String NEW_ACCOUNTS_PER_IP = "new-accounts-per-ip";

    /** Certificates issued per registered domain (public suffix plus one label). */
    public static final String CERTIFICATES_PER_DOMAIN = "certificates-per-domain";

    /** Certificates issued for exactly the same set of names. */
    public static final String DUPLICATE_CERTIFICATES = "duplicate-certificates";

    /** Failed authorizations per account and identifier. */
    public static final String FAILED_VALIDATIONS = "failed-validations-per-account-and-name";

    /** Every limit this version enforces, by configuration name. */
    public static final List<String> NAMES = List.of(NEW_ORDERS_PER_ACCOUNT, NEW_ACCOUNTS_PER_IP,
            CERTIFICATES_PER_DOMAIN, DUPLICATE_CERTIFICATES, FAILED_VALIDATIONS);

    /** The limits an account override may change: all but the per-address one, which comes before any account. */
    public static final List<String> PER_ACCOUNT = List.of(NEW_ORDERS_PER_ACCOUNT, CERTIFICATES_PER_DOMAIN,
            DUPLICATE_CERTIFICATES, FAILED_VALIDATIONS);

    private final Store store;
    private final Map<String, RateLimit> limits;
    private final Map<String, RateLimitOverride> overrides;
    private final Function<String, String> accountUrl;
    private final PublicSuffixes suffixes;
    private final Optional<URI> helpUrl;
    private final Clock clock;

    /**
     * Creates a limiter without account overrides that counts registered domains by their last two labels.
     *
     * @param limits  the configured limits by name (one of {@link #NAMES}); an absent one is no limit
     * @param helpUrl where the limits are explained, for the {@code Link rel="help"} header
     */
    public RateLimiter(Store store, Map<String, RateLimit> limits, Optional<URI> helpUrl, Clock clock) {
        this(store, limits, List.of(), id -> id, PublicSuffixes.TOP_LEVEL_ONLY, helpUrl, clock);
    }

    /**
     * Creates the limiter.
     *
     * @param limits     the default limits by name (one of {@link #NAMES}); an absent one is no limit
     * @param overrides  accounts' own limits; at most one per account URL
     * @param accountUrl the URL of an account by id, as overrides name accounts
     * @param suffixes   the public suffix list that finds a name's registered domain
     * @param helpUrl    where the limits are explained, for the {@code Link rel="help"} header
     */
    public RateLimiter(Store store, Map<String, RateLimit> limits, List<RateLimitOverride> overrides,
            Function<String, String> accountUrl, PublicSuffixes suffixes, Optional<URI> helpUrl, Clock clock) {
        this.store = store;
        this.limits = Map.copyOf(limits);
        Map<String, RateLimitOverride> byAccount = new HashMap<>();
        overrides.forEach(override -> byAccount.put(override.account(), override));
        this.overrides = Map.copyOf(byAccount);
        this.accountUrl = accountUrl;
        this.suffixes = suffixes;
        this.helpUrl = helpUrl;
        this.clock = clock;
    }

    /** A limiter with no limits. */
    public static RateLimiter none(Store store, Clock clock) {
        return new RateLimiter(store, Map.of(), Optional.empty(), clock);
    }

    /** Returns the longest window of any default or account limit, if any limit is configured. */
    public Optional<Duration> longestWindow() {
        return Stream.concat(limits.values().stream(),
                        overrides.values().stream().flatMap(override -> override.limits().values().stream()))
                .map(RateLimit::window).max(Duration::compareTo);
    }

    /**
     * Deletes the counted events that no window reaches any more: those older than the longest
     * configured window, or all past ones when no limit is configured. Meant to run periodically;
     * harmless when several instances run it at once.
     */
    public Future<Integer> purgeOldEvents() {
        Instant now = clock.instant();
        return store.purgeRateLimitEvents(now.minus(longestWindow().orElse(Duration.ZERO)));
    }

    /**
     * Counts a new order of the account, unless its window is full: the check and the count are
     * one atomic step, so call this last, right before the order is stored.
     */
    public Future<Void> admitNewOrder(StoredAccount account) {
        return admit(NEW_ORDERS_PER_ACCOUNT, limit(NEW_ORDERS_PER_ACCOUNT, account), List.of(account.id()),
                subject -> "too many new orders for this account");
    }

    /**
     * Succeeds when the account's recent failed validations of none of these identifiers reach
     * {@code failed-validations-per-account-and-name}. Wildcards count as their base name, which
     * is what their authorization validates.
     */
    public Future<Void> checkFailedValidations(StoredAccount account, List<Identifier> identifiers) {
        Optional<RateLimit> limit = limit(FAILED_VALIDATIONS, account);
        Future<Void> result = Future.succeededFuture();
        for (Identifier identifier : identifiers.stream().map(IdentifierPolicy::authorized).distinct().toList()) {
            result = result.compose(ok -> check(FAILED_VALIDATIONS, limit, failureKey(account, identifier),
                    "too many failed validations of " + identifier.value() + " for this account"));
        }
        return result;
    }

    /** Counts a failed authorization of the identifier for the account. */
    public Future<Void> recordFailedValidation(StoredAccount account, Identifier identifier) {
        return limit(FAILED_VALIDATIONS, account).isEmpty() ? Future.succeededFuture()
                : store.recordRateLimitEvents(FAILED_VALIDATIONS, List.of(failureKey(account, identifier)),
                        clock.instant());
    }

    private static String failureKey(StoredAccount account, Identifier identifier) {
        return account.id() + " " + identifier.type().name().toLowerCase(Locale.ROOT) + ":"
                + identifier.value().toLowerCase(Locale.ROOT);
    }

    /**
     * Counts an account about to be created by a client at this address, unless the address's
     * window is full: the check and the count are one atomic step, so call this after the request
     * is otherwise known good, right before the account is stored.
     *
     * @param clientAddress the client's IP address as text; see {@link ClientAddresses#group}
     */
    public Future<Void> admitNewAccount(String clientAddress) {
        String group = ClientAddresses.group(clientAddress);
        return admit(NEW_ACCOUNTS_PER_IP, Optional.ofNullable(limits.get(NEW_ACCOUNTS_PER_IP)), List.of(group),
                subject -> "too many new accounts from " + group);
    }

    /**
     * Succeeds when the account may get a certificate for these identifiers now, without counting
     * it: the early check at newOrder.
     *
     * @param renewal true when the order replaces (RFC 9773) an unrevoked certificate for the same
     *                names: such renewals are exempt from {@code certificates-per-domain}, not from
     *                {@code duplicate-certificates}
     */
    public Future<Void> checkNewCertificate(StoredAccount account, List<Identifier> identifiers, boolean renewal) {
        Future<Void> result = check(DUPLICATE_CERTIFICATES, limit(DUPLICATE_CERTIFICATES, account),
                NameSets.key(identifiers), "too many certificates for exactly these names");
        if (!renewal) {
            Optional<RateLimit> perDomain = limit(CERTIFICATES_PER_DOMAIN, account);
            for (String domain : RegisteredDomains.of(identifiers, suffixes)) {
                result = result.compose(ok -> check(CERTIFICATES_PER_DOMAIN, perDomain, domain,
                        "too many certificates for the registered domain " + domain));
            }
        }
        return result;
    }

    /**
     * Counts a certificate about to be issued at finalize, unless a certificate limit is full:
     * each limit's check and count are one atomic step (all registered domains together).
     *
     * @param renewal as for {@link #checkNewCertificate}
     */
    public Future<Void> admitIssuance(StoredAccount account, List<Identifier> identifiers, boolean renewal) {
        return checkNewCertificate(account, identifiers, renewal)
                .compose(ok -> renewal ? Future.<Void>succeededFuture()
                        : admit(CERTIFICATES_PER_DOMAIN, limit(CERTIFICATES_PER_DOMAIN, account),
                                RegisteredDomains.of(identifiers, suffixes),
                                domain -> "too many certificates for the registered domain " + domain))
                .compose(ok -> admit(DUPLICATE_CERTIFICATES, limit(DUPLICATE_CERTIFICATES, account),
                        List.of(NameSets.key(identifiers)), set -> "too many certificates for exactly these names"));
    }

    /** The limit that applies to the account: its override's, else the default. Empty is no limit. */
    private Optional<RateLimit> limit(String name, StoredAccount account) {
        RateLimitOverride override = overrides.isEmpty() ? null : overrides.get(accountUrl.apply(account.id()));
        if (override != null && override.covers(name)) {
            return Optional.ofNullable(override.limits().get(name));
        }
        return Optional.ofNullable(limits.get(name));
    }

    private Future<Void> check(String name, Optional<RateLimit> limit, String subject, String what) {
        if (limit.isEmpty()) {
            return Future.succeededFuture();
        }
        Instant now = clock.instant();
        return store.rateLimitEventTimes(name, subject, now.minus(limit.get().window()), limit.get().count())
                .compose(times -> times.size() < limit.get().count() ? Future.succeededFuture()
                        : Future.failedFuture(exceeded(name, limit.get(), what, times.get(0), now)));
    }

    private Future<Void> admit(String name, Optional<RateLimit> limit, Collection<String> subjects,
            Function<String, String> what) {
        if (limit.isEmpty() || subjects.isEmpty()) {
            return Future.succeededFuture();
        }
        Instant now = clock.instant();
        return store.admitRateLimitEvents(name, subjects, limit.get().count(), now.minus(limit.get().window()), now)
                .compose(refusal -> refusal.isEmpty() ? Future.succeededFuture()
                        : Future.failedFuture(exceeded(name, limit.get(), what.apply(refusal.get().subject()),
                                refusal.get().oldest(), now)));
    }

    private AcmeProblemException exceeded(String name, RateLimit limit, String what, Instant oldest, Instant now) {
        Duration wait = Duration.between(now, oldest.plus(limit.window()));
        long seconds = Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0));
        AcmeProblemException problem = new AcmeProblemException(Problem.of(ProblemType.RATE_LIMITED, what
                + ": the limit " + name + " allows " + limit + "; retry after " + seconds + " seconds"))
                .withHeader("Retry-After", Long.toString(seconds));
        return helpUrl.map(url -> problem.withHeader("Link", "<" + url + ">;rel=\"help\"")).orElse(problem);
    }
}
