package dev.vacme.server.store.sql;

import dev.vacme.common.model.Identifier;
import dev.vacme.common.problem.Problem;
import dev.vacme.server.store.AccountSummary;
import dev.vacme.server.store.CertificateQuery;
import dev.vacme.server.store.KeyChangeOutcome;
import dev.vacme.server.store.RateLimitRefusal;
import dev.vacme.server.store.Replacement;
import dev.vacme.server.store.RevocationMark;
import dev.vacme.server.store.Store;
import dev.vacme.server.store.StoredAccount;
import dev.vacme.server.store.StoredAuthorization;
import dev.vacme.server.store.StoredCertificate;
import dev.vacme.server.store.StoredCrl;
import dev.vacme.server.store.StoredEabKey;
import dev.vacme.server.store.StoredOrder;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one SQL implementation of {@link Store}, for every engine: the statements are portable and
 * each engine only supplies a {@link SqlDatabase}. Every state transition is a conditional UPDATE
 * whose row count says whether this call made it; writes that span tables run in one transaction.
 * The work is split by table group, so this class only routes.
 */
public final class SqlStore implements Store {

    private final SqlDatabase db;
    private final SecretTable secrets;
    private final NonceTable nonces;
    private final AccountTable accounts;
    private final OrderTable orders;
    private final AuthorizationTable authorizations;
    private final IssuanceTable issuance;
    private final OperatorQueries operator;
    private final EabKeyTable eabKeys;
    private final RateLimitEventTable rateLimitEvents;
    private final RevocationTable revocations;

    /** Creates the store on a database whose schema is already migrated. */
    public SqlStore(SqlDatabase db, Clock clock) {
        this.db = db;
        this.secrets = new SecretTable(db, clock);
        this.nonces = new NonceTable(db);
        this.accounts = new AccountTable(db);
        this.orders = new OrderTable(db);
        this.authorizations = new AuthorizationTable(db);
        this.issuance = new IssuanceTable(db);
        this.operator = new OperatorQueries(db);
        this.eabKeys = new EabKeyTable(db);
        this.rateLimitEvents = new RateLimitEventTable(db);
        this.revocations = new RevocationTable(db);
    }

    @Override
    public Future<byte[]> secret(String name, Supplier<byte[]> generator) {
        return secrets.get(name, generator);
    }

    @Override
    public Future<Boolean> redeemNonce(String nonceId, Instant expiresAt) {
        return nonces.redeem(nonceId, expiresAt);
    }

    @Override
    public Future<Integer> purgeExpiredNonces(Instant now) {
        return nonces.purgeExpired(now);
    }

    @Override
    public Future<StoredAccount> insertAccountIfAbsent(StoredAccount account) {
        return accounts.insertIfAbsent(account);
    }

    @Override
    public Future<Optional<StoredAccount>> findAccount(String id) {
        return accounts.find(id);
    }

    @Override
    public Future<Optional<StoredAccount>> findAccountByThumbprint(String keyThumbprint) {
        return accounts.findByThumbprint(keyThumbprint);
    }

    @Override
    public Future<Void> insertEabKey(StoredEabKey key) {
        return eabKeys.insert(key);
    }

    @Override
    public Future<Optional<StoredEabKey>> findEabKey(String kid) {
        return eabKeys.find(kid);
    }

    @Override
    public Future<List<StoredEabKey>> listEabKeys() {
        return eabKeys.list();
    }

    @Override
    public Future<Boolean> revokeEabKey(String kid, Instant now) {
        return eabKeys.revoke(kid, now);
    }

    @Override
    public Future<Optional<StoredAccount>> insertBoundAccount(StoredAccount account, Instant now) {
        return eabKeys.insertBoundAccount(account, now);
    }

    @Override
    public Future<Optional<StoredAccount>> updateAccount(String id, List<String> contact, Boolean termsOfServiceAgreed) {
        return accounts.update(id, contact, termsOfServiceAgreed);
    }

    @Override
    public Future<Optional<StoredAccount>> deactivateAccount(String id) {
        return accounts.deactivate(id);
    }

    @Override
    public Future<KeyChangeOutcome> changeAccountKey(String id, String oldThumbprint, String newJwk, String newThumbprint) {
        return accounts.changeKey(id, oldThumbprint, newJwk, newThumbprint);
    }

    @Override
    public Future<Boolean> insertOrder(StoredOrder order, List<StoredAuthorization> newAuthorizations, Replacement replacement) {
        return orders.insert(order, newAuthorizations, replacement);
    }

    @Override
    public Future<Optional<StoredOrder>> findOrder(String id) {
        return orders.find(id);
    }

    @Override
    public Future<List<String>> listOrderIds(String accountId, int offset, int limit, Instant now) {
        return orders.listIds(accountId, offset, limit, now);
    }

    @Override
    public Future<List<Instant>> orderCreationTimes(String accountId, Instant since, int limit) {
        return orders.creationTimes(accountId, since, limit);
    }

    @Override
    public Future<Void> recordRateLimitEvents(String limitName, Collection<String> subjects, Instant at) {
        return rateLimitEvents.record(limitName, subjects, at);
    }

    @Override
    public Future<List<Instant>> rateLimitEventTimes(String limitName, String subject, Instant since, int limit) {
        return rateLimitEvents.times(limitName, subject, since, limit);
    }

    @Override
    public Future<Optional<RateLimitRefusal>> admitRateLimitEvents(String limitName, Collection<String> subjects,
            int count, Instant since, Instant at) {
        return rateLimitEvents.admit(limitName, subjects, count, since, at);
    }

    @Override
    public Future<Integer> purgeRateLimitEvents(Instant cutoff) {
        return rateLimitEvents.purgeBefore(cutoff);
    }

    @Override
    public Future<Optional<StoredAuthorization>> findAuthorization(String id) {
        return authorizations.find(id);
    }

    @Override
    public Future<List<StoredAuthorization>> findAuthorizations(List<String> ids) {
        return authorizations.findAll(ids);
    }

    @Override
    public Future<List<StoredAuthorization>> findValidAuthorizations(String accountId, List<Identifier> identifiers,
            boolean wildcard, Instant validAfter) {
        return authorizations.findValid(accountId, identifiers, wildcard, validAfter);
    }

    @Override
    public Future<Boolean> startChallenge(String challengeId, Instant now) {
        return authorizations.startChallenge(challengeId, now);
    }

    @Override
    public Future<List<String>> findStaleProcessingChallengeIds(Instant processingBefore) {
        return authorizations.findStaleProcessingChallengeIds(processingBefore);
    }

    @Override
    public Future<Boolean> completeChallenge(String challengeId, Instant validatedAt, Problem error,
            Instant authorizationExpires) {
        return authorizations.completeChallenge(challengeId, validatedAt, error, authorizationExpires);
    }

    @Override
    public Future<Boolean> deactivateAuthorization(String id) {
        return authorizations.deactivate(id);
    }

    @Override
    public Future<Boolean> beginProcessing(String orderId, Instant now) {
        return issuance.beginProcessing(orderId, now);
    }

    @Override
    public Future<Boolean> reserveSerial(String serial, String orderId, Instant now) {
        return issuance.reserveSerial(serial, orderId, now);
    }

    @Override
    public Future<Void> completeOrder(String orderId, StoredCertificate certificate) {
        return issuance.completeOrder(orderId, certificate);
    }

    @Override
    public Future<Void> failOrder(String orderId, Problem error) {
        return issuance.failOrder(orderId, error);
    }

    @Override
    public Future<List<String>> findStaleProcessingOrderIds(Instant processingBefore) {
        return issuance.findStaleProcessingOrderIds(processingBefore);
    }

    @Override
    public Future<Optional<StoredCertificate>> findCertificate(String serial) {
        return issuance.findCertificate(serial);
    }

    @Override
    public Future<Boolean> revokeCertificate(String serial, int reason, Instant revokedAt) {
        return issuance.revoke(serial, reason, revokedAt);
    }

    @Override
    public Future<RevocationMark> revocationMark() {
        return revocations.mark();
    }

    @Override
    public Future<List<StoredCertificate>> listRevokedCertificates(String issuerId, Instant expiringAfter) {
        return revocations.listRevoked(issuerId, expiringAfter);
    }

    @Override
    public Future<Optional<StoredCrl>> findCrl(String issuerId) {
        return revocations.findCrl(issuerId);
    }

    @Override
    public Future<Boolean> storeCrl(StoredCrl crl) {
        return revocations.storeCrl(crl);
    }

    @Override
    public Future<Boolean> acquireLease(String name, String holder, Instant now, Instant until) {
        return revocations.acquireLease(name, holder, now, until);
    }

    @Override
    public Future<Void> releaseLease(String name, String holder) {
        return revocations.releaseLease(name, holder);
    }

    @Override
    public Future<List<StoredCertificate>> listCertificates(CertificateQuery query) {
        return operator.certificates(query);
    }

    @Override
    public Future<List<AccountSummary>> listAccounts() {
        return operator.accounts();
    }

    @Override
    public Future<List<String>> findValidOrdersWithoutCertificate() {
        return operator.validOrdersWithoutCertificate();
    }

    @Override
    public Future<List<String>> findOrdersWithSeveralCertificates() {
        return operator.ordersWithSeveralCertificates();
    }

    @Override
    public Future<Void> close() {
        return db.close();
    }

    @Override
    public Future<Void> ping() {
        return db.query("SELECT 1 AS one").mapEmpty();
    }
}
