package dev.vacme.server.ra;

import com.nimbusds.jose.jwk.JWK;
import dev.vacme.common.jws.Jwks;
import dev.vacme.common.model.AccountStatus;
import dev.vacme.common.model.AccountUpdateRequest;
import dev.vacme.common.model.NewAccountRequest;
import dev.vacme.common.problem.ProblemType;
import dev.vacme.server.AcmeProblemException;
import dev.vacme.server.audit.AuditEvent;
import dev.vacme.server.audit.AuditLog;
import dev.vacme.server.store.KeyChangeOutcome;
import dev.vacme.server.store.Store;
import dev.vacme.server.store.StoredAccount;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Account management (RFC 8555 §7.3): creation, lookup, update, deactivation and key rollover. */
public final class AccountService {

    private final Store store;
    private final RaSettings settings;
    private final ExternalAccountBindings bindings;
    private final RandomIds ids;
    private final Clock clock;
    private final AuditLog audit;
    private final RateLimiter rateLimiter;
    private final DeactivationPolicy deactivationPolicy;

    /**
     * Creates the service; it reports account changes to {@code audit} and counts new accounts
     * against {@code new-accounts-per-ip}. Deactivation leaves the account's certificates alone.
     */
    public AccountService(Store store, RaSettings settings, ExternalAccountBindings bindings, RandomIds ids,
            Clock clock, AuditLog audit, RateLimiter rateLimiter) {
        this(store, settings, bindings, ids, clock, audit, rateLimiter, DeactivationPolicy.KEEP_CERTIFICATES);
    }

    /**
     * Creates the service; after an account deactivates itself, {@code deactivationPolicy} decides
     * what happens to its certificates.
     */
    public AccountService(Store store, RaSettings settings, ExternalAccountBindings bindings, RandomIds ids,
            Clock clock, AuditLog audit, RateLimiter rateLimiter, DeactivationPolicy deactivationPolicy) {
        this.deactivationPolicy = deactivationPolicy;
        this.audit = audit;
        this.rateLimiter = rateLimiter;
        this.store = store;
        this.settings = settings;
        this.bindings = bindings;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * The result of a newAccount request.
     *
     * @param account the account
     * @param created true when it was created now (201), false when it existed (200)
     */
    public record Registration(StoredAccount account, boolean created) {
    }

    /** Finds an account by id, for request authentication. */
    public Future<Optional<StoredAccount>> find(String id) {
        return store.findAccount(id);
    }

    /**
     * Creates an account for a key, or returns the existing one (RFC 8555 §7.3, §7.3.1).
     *
     * @param key     the public key from the JWS {@code jwk} header, already checked by key policy
     * @param request the newAccount payload
     * @param url     the newAccount URL the request was signed for, which an external account
     *                binding must name too (§7.3.4)
     * @param clientAddress the client's IP address, which {@code new-accounts-per-ip} counts against
     */
    public Future<Registration> register(JWK key, NewAccountRequest request, String url, String clientAddress) {
        String thumbprint = Jwks.thumbprint(key);
        return store.findAccountByThumbprint(thumbprint).compose(existing -> {
            if (existing.isPresent()) {
                return Future.succeededFuture(new Registration(requireValid(existing.get()), false));
            }
            if (Boolean.TRUE.equals(request.onlyReturnExisting())) {
                return Future.failedFuture(AcmeProblemException.of(ProblemType.ACCOUNT_DOES_NOT_EXIST,
                        "no account exists for this key"));
            }
            return bindings.verify(request.externalAccountBinding(), key, url)
                    .compose(kid -> create(key, thumbprint, request, kid.orElse(null), clientAddress));
        });
    }

    /**
     * Stores the account once the request is known good; {@code new-accounts-per-ip} is checked
     * and counted in one step right before, so a refused request counts nothing.
     */
    private Future<Registration> create(JWK key, String thumbprint, NewAccountRequest request, String eabKeyId,
            String clientAddress) {
        if (settings.termsOfService().isPresent() && !Boolean.TRUE.equals(request.termsOfServiceAgreed())) {
            return Future.failedFuture(AcmeProblemException.of(ProblemType.MALFORMED,
                    "you must agree to the terms of service at " + settings.termsOfService().get()
                            + " (termsOfServiceAgreed: true)"));
        }
        List<String> contact = ContactPolicy.check(request.contact());
        StoredAccount account = new StoredAccount(ids.resourceId(), key.toPublicJWK().toJSONString(), thumbprint,
                AccountStatus.VALID, contact, Boolean.TRUE.equals(request.termsOfServiceAgreed()), eabKeyId,
                clock.instant());
        Future<StoredAccount> stored = rateLimiter.admitNewAccount(clientAddress).compose(admitted -> eabKeyId == null
                ? store.insertAccountIfAbsent(account)
                : store.insertBoundAccount(account, clock.instant())
                        .map(bound -> bound.orElseThrow(() -> ExternalAccountBindings.usedKey(eabKeyId))));
        return stored.map(result -> new Registration(result, result.id().equals(account.id())))
                .onSuccess(registration -> {
                    if (registration.created()) {
                        audit.record(new AuditEvent.AccountCreated(account.id(), thumbprint, contact));
                    }
                });
    }

    /**
     * Applies a POST to the account URL (RFC 8555 §7.3.2, §7.3.6): an empty object returns the
     * account, {@code contact} replaces the contacts, {@code status: deactivated} deactivates it.
     * The deactivation is stored first; the deactivation policy then runs before the answer, and
     * its failures do not undo the deactivation.
     */
    public Future<StoredAccount> update(StoredAccount account, AccountUpdateRequest request) {
        if (request.status() != null && request.status() != AccountStatus.DEACTIVATED
                && request.status() != account.status()) {
            return Future.failedFuture(AcmeProblemException.of(ProblemType.MALFORMED,
                    "an account's status can only be changed to \"deactivated\""));
        }
        Future<StoredAccount> updated = Future.succeededFuture(account);
        if (request.contact() != null || request.termsOfServiceAgreed() != null) {
            List<String> contact = request.contact() == null ? account.contact() : ContactPolicy.check(request.contact());
            updated = store.updateAccount(account.id(), contact, request.termsOfServiceAgreed())
                    .map(result -> result.orElseThrow(() -> deactivated()))
                    .onSuccess(changed -> audit.record(new AuditEvent.AccountUpdated(changed.id(), changed.contact())));
        }
        if (request.status() == AccountStatus.DEACTIVATED) {
            updated = updated.compose(ignored -> store.deactivateAccount(account.id()))
                    .map(result -> result.orElseThrow(() -> deactivated()))
                    .onSuccess(changed -> audit.record(new AuditEvent.AccountDeactivated(changed.id())))
                    .compose(changed -> deactivationPolicy.afterDeactivation(changed).map(ignored -> changed));
        }
        return updated;
    }

    /**
     * Replaces the account key after the key-change checks of RFC 8555 §7.3.5 that need the
     * account: {@code oldKey} must be the current key and the new key must be acceptable.
     *
     * @return the outcome; a conflicting account means the new key belongs to another account
     */
    public Future<KeyChangeOutcome> changeKey(StoredAccount account, JWK oldKey, JWK newKey) {
        if (!Jwks.thumbprint(oldKey).equals(account.keyThumbprint())) {
            return Future.failedFuture(AcmeProblemException.of(ProblemType.MALFORMED,
                    "the keyChange object's oldKey is not the account's current key"));
        }
        String newThumbprint = Jwks.thumbprint(newKey);
        if (newThumbprint.equals(account.keyThumbprint())) {
            return Future.failedFuture(AcmeProblemException.of(ProblemType.MALFORMED,
                    "the new key is the same as the current key"));
        }
        return store.changeAccountKey(account.id(), account.keyThumbprint(), newKey.toPublicJWK().toJSONString(),
                newThumbprint).map(outcome -> {
                    if (!outcome.changed() && outcome.conflictingAccount().isEmpty()) {
                        throw AcmeProblemException.of(ProblemType.MALFORMED,
                                "the account key changed concurrently; retry with the current key");
                    }
                    if (outcome.changed()) {
                        audit.record(new AuditEvent.AccountKeyChanged(account.id(), account.keyThumbprint(),
                                newThumbprint));
                    }
                    return outcome;
                });
    }

    private static StoredAccount requireValid(StoredAccount account) {
        if (account.status() != AccountStatus.VALID) {
            throw deactivated();
        }
        return account;
    }

    /** The error for any request by a deactivated account (RFC 8555 §7.3.6: 401 unauthorized). */
    public static AcmeProblemException deactivated() {
        return new AcmeProblemException(dev.vacme.common.problem.Problem.of(ProblemType.UNAUTHORIZED,
                "the account is deactivated").withStatus(401));
    }
}
