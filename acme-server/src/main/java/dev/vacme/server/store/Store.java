package dev.vacme.server.store;

import dev.vacme.common.model.Identifier;
import dev.vacme.common.problem.Problem;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The only door to the database. Every method returns a {@link Future} and never blocks the
 * calling event loop. Every write that moves an object between states is conditional on the state
 * it moves from, so that concurrent requests, also from other server instances sharing the
 * database, cannot both win (e.g. two finalize requests issue one certificate).
 *
 * <p>Stored statuses are the minimal set each entity documents; derived statuses (an order's
 * {@code ready}, an authorization's {@code expired}) are computed by the registration authority.
 * Timestamps are stored with millisecond precision.
 */
public interface Store {

    // --- server secrets -------------------------------------------------------------------------

    /**
     * Returns the secret stored under {@code name}, creating it from {@code generator} if there is
     * none. When several instances race, all of them get the one value that was stored first.
     */
    Future<byte[]> secret(String name, Supplier<byte[]> generator);

    // --- nonces (RFC 8555 §6.5) -----------------------------------------------------------------

    /**
     * Records that a nonce was used.
     *
     * @param nonceId   a unique identifier of the nonce
     * @param expiresAt when the nonce expires; the record may be purged after that
     * @return true when this is the first use of the nonce, false when it was used before
     */
    Future<Boolean> redeemNonce(String nonceId, Instant expiresAt);

    /**
     * Deletes used-nonce records that expired before {@code now}; returns how many. Meant to run
     * periodically; a purged nonce must already be rejected as expired by whoever issued it.
     */
    Future<Integer> purgeExpiredNonces(Instant now);

    // --- accounts (RFC 8555 §7.3) ---------------------------------------------------------------

    /**
     * Inserts an account unless one with the same key thumbprint exists.
     *
     * @return the stored account: the new one, or the existing one for that key
     */
    Future<StoredAccount> insertAccountIfAbsent(StoredAccount account);

    /** Finds an account by id. */
    Future<Optional<StoredAccount>> findAccount(String id);

    /** Finds an account by the RFC 7638 thumbprint of its key. */
    Future<Optional<StoredAccount>> findAccountByThumbprint(String keyThumbprint);

    /**
     * Replaces an account's contacts and, when {@code termsOfServiceAgreed} is non-null, its
     * agreement flag; only for a {@code valid} account.
     *
     * @return the updated account, or empty when there is no valid account with that id
     */
    Future<Optional<StoredAccount>> updateAccount(String id, List<String> contact, Boolean termsOfServiceAgreed);

    /**
     * Moves a {@code valid} account to {@code deactivated}, and its {@code pending} authorizations
     * with it, so that its pending orders become invalid (RFC 8555 §7.3.6).
     *
     * @return the updated account, or empty when it was not valid
     */
    Future<Optional<StoredAccount>> deactivateAccount(String id);

    /**
     * Replaces an account's key if its current thumbprint is {@code oldThumbprint} and no other
     * account uses the new key.
     */
    Future<KeyChangeOutcome> changeAccountKey(String id, String oldThumbprint, String newJwk, String newThumbprint);

    // --- external account binding keys (RFC 8555 §7.3.4) ---------------------------------------

    /** Stores a new external account binding key; fails when the key id is taken. */
    Future<Void> insertEabKey(StoredEabKey key);

    /** Finds an external account binding key by its key id. */
    Future<Optional<StoredEabKey>> findEabKey(String kid);

    /** Lists every external account binding key, oldest first. */
    Future<List<StoredEabKey>> listEabKeys();

    /**
     * Revokes an external account binding key so that it binds no new account; an account it
     * bound already keeps working.
     *
     * @return true when this call revoked it; false when it is unknown or was revoked already
     */
    Future<Boolean> revokeEabKey(String kid, Instant now);

    /**
     * Inserts an account bound to the external account binding key {@code account.eabKeyId()}, in
     * one transaction with marking the key used, so that a key binds exactly one account.
     *
     * @return the new account; the existing account when another account already holds the key
     *         thumbprint (the key stays unused then); empty when the key is unknown, revoked or
     *         bound already (nothing is stored then)
     */
    Future<Optional<StoredAccount>> insertBoundAccount(StoredAccount account, Instant now);

    // --- orders and authorizations (RFC 8555 §7.4, §7.5) ----------------------------------------

    /**
     * Inserts an order together with the authorizations (and their challenges) created for it, in
     * one transaction. Existing authorizations the order reuses are only referenced by id.
     *
     * @param replacement the certificate the order replaces, or null
     * @return true when inserted; false when {@code replacement} was given and the certificate's
     *         replacement was no longer the expected one (nothing is inserted then)
     */
    Future<Boolean> insertOrder(StoredOrder order, List<StoredAuthorization> newAuthorizations, Replacement replacement);

    /** Finds an order. */
    Future<Optional<StoredOrder>> findOrder(String id);

    /**
     * Lists an account's order ids, oldest first, leaving out the orders a client sees as
     * {@code invalid} at {@code now}: stored invalid, expired, or with an authorization that is no
     * longer pending or valid (RFC 8555 §7.1.2.1, §7.1.6).
     *
     * @param offset how many to skip
     * @param limit  the most to return
     */
    Future<List<String>> listOrderIds(String accountId, int offset, int limit, Instant now);

    /**
     * Returns when the account created its orders at or after {@code since}, oldest first, at
     * most {@code limit} of them: what a rate limit on new orders counts.
     */
    Future<List<Instant>> orderCreationTimes(String accountId, Instant since, int limit);

    /**
     * Records one event of a rate limit for each subject (e.g. a client address, a registered
     * domain), all at {@code at}.
     *
     * @param limitName the limit's configuration name, e.g. {@code new-accounts-per-ip}
     * @param subjects  what the event is counted against; duplicates are recorded once
     */
    Future<Void> recordRateLimitEvents(String limitName, Collection<String> subjects, Instant at);

    /**
     * Returns when the events of a limit for one subject happened at or after {@code since},
     * oldest first, at most {@code limit} of them.
     */
    Future<List<Instant>> rateLimitEventTimes(String limitName, String subject, Instant since, int limit);

    /**
     * Checks a rate limit and records its event in one atomic step: records one event of the
     * limit for each subject at {@code at}, unless some subject already holds {@code count} events
     * at or after {@code since}, in which case nothing is recorded. Concurrent calls for the same
     * limit and subject, from any instance sharing the database, are serialized, so a window of
     * {@code count} never admits more than {@code count} events.
     *
     * @param subjects what the event is counted against; duplicates are recorded once, and all
     *                 subjects are admitted together or not at all
     * @return empty when the events were recorded, else the refused subject and its oldest event
     */
    Future<Optional<RateLimitRefusal>> admitRateLimitEvents(String limitName, Collection<String> subjects, int count,
            Instant since, Instant at);

    /**
     * Deletes the rate limit events that happened before {@code cutoff}; returns how many. Meant to
     * run periodically with a cutoff older than the longest configured window; several instances
     * may run it at the same time.
     */
    Future<Integer> purgeRateLimitEvents(Instant cutoff);

    /** Finds an authorization with its challenges. */
    Future<Optional<StoredAuthorization>> findAuthorization(String id);

    /** Finds authorizations with their challenges, in the order of {@code ids}; missing ids are skipped. */
    Future<List<StoredAuthorization>> findAuthorizations(List<String> ids);

    /**
     * Finds the account's {@code valid} authorizations for any of the identifiers whose
     * {@code expires} is after {@code validAfter}, for reuse by a new order. For each identifier
     * and wildcard flag the one expiring last is returned.
     */
    Future<List<StoredAuthorization>> findValidAuthorizations(String accountId, List<Identifier> identifiers,
            boolean wildcard, Instant validAfter);

    /**
     * Moves a challenge from {@code pending} to {@code processing}, only while its authorization is
     * {@code pending} and has not expired.
     *
     * @return true when this call started it
     */
    Future<Boolean> startChallenge(String challengeId, Instant now);

    /**
     * Lists challenges that entered {@code processing} before {@code processingBefore} and are
     * still there: validations a crashed instance left behind.
     */
    Future<List<String>> findStaleProcessingChallengeIds(Instant processingBefore);

    /**
     * Records a validation outcome: the challenge moves from {@code processing} to {@code valid}
     * or {@code invalid}, and its authorization from {@code pending} to the same status, in one
     * transaction.
     *
     * @param error                null on success, else the problem
     * @param authorizationExpires on success, the new expiry of the now valid authorization
     * @return true when recorded; false when the challenge was not {@code processing}
     */
    Future<Boolean> completeChallenge(String challengeId, Instant validatedAt, Problem error,
            Instant authorizationExpires);

    /**
     * Moves an authorization from {@code pending} or {@code valid} to {@code deactivated}
     * (RFC 8555 §7.5.2).
     *
     * @return true when changed
     */
    Future<Boolean> deactivateAuthorization(String id);

    // --- issuance -------------------------------------------------------------------------------

    /**
     * The finalize fence: moves an order stored as {@code pending} to {@code processing} if it
     * has not expired at {@code now} and every one of its authorizations is {@code valid} and
     * unexpired. Only one caller can win.
     *
     * @return true when this call won
     */
    Future<Boolean> beginProcessing(String orderId, Instant now);

    /**
     * Records a serial number before anything is signed with it.
     *
     * @return true when recorded; false when the serial was already taken
     */
    Future<Boolean> reserveSerial(String serial, String orderId, Instant now);

    /**
     * Stores an issued certificate and moves its order from {@code processing} to {@code valid}
     * with the certificate's serial, in one transaction. The serial must have been reserved with
     * {@link #reserveSerial} first.
     *
     * @return fails with {@link StateConflictException} (and stores nothing) when the order is not
     *         {@code processing}
     */
    Future<Void> completeOrder(String orderId, StoredCertificate certificate);

    /**
     * Moves an order from {@code processing} to {@code invalid} with the given error.
     *
     * @return fails with {@link StateConflictException} when the order is not {@code processing}
     */
    Future<Void> failOrder(String orderId, Problem error);

    /**
     * Lists orders that entered {@code processing} before {@code processingBefore} and are still
     * there: work a crashed instance left behind, as no finalize takes that long.
     */
    Future<List<String>> findStaleProcessingOrderIds(Instant processingBefore);

    // --- certificates (RFC 8555 §7.4.2, §7.6) ---------------------------------------------------

    /** Finds a certificate by its lowercase hex serial. */
    Future<Optional<StoredCertificate>> findCertificate(String serial);

    /**
     * Marks a certificate revoked if it is not already.
     *
     * @return true when this call revoked it; false when it was already revoked
     */
    Future<Boolean> revokeCertificate(String serial, int reason, Instant revokedAt);

    // --- revocation publishing (RFC 5280 §5 CRLs, RFC 6960 OCSP) --------------------------------

    /** Returns the fingerprint of every revocation so far; one cheap query, meant to be polled. */
    Future<RevocationMark> revocationMark();

    /**
     * Lists the revoked certificates of an issuer that expire after {@code expiringAfter}, oldest
     * revocation first, together with those stored without an issuer (before schema version 5),
     * which the caller attributes by their signature.
     */
    Future<List<StoredCertificate>> listRevokedCertificates(String issuerId, Instant expiringAfter);

    /** Finds the current CRL of an issuer. */
    Future<Optional<StoredCrl>> findCrl(String issuerId);

    /**
     * Stores an issuer's CRL unless one with the same or a higher number is stored already, so
     * that the stored CRL number only grows.
     *
     * @return true when stored
     */
    Future<Boolean> storeCrl(StoredCrl crl);

    /**
     * Takes the named lease for {@code holder} until {@code until}, when it is free, expired at
     * {@code now}, or held by {@code holder} already (which extends it). Among instances racing
     * for it exactly one wins.
     *
     * @return true when {@code holder} holds the lease now
     */
    Future<Boolean> acquireLease(String name, String holder, Instant now, Instant until);

    /** Gives a held lease up at once; does nothing when {@code holder} does not hold it. */
    Future<Void> releaseLease(String name, String holder);

    // --- operator queries (vacme-server admin); read-only ------------------------------------

    /**
     * Lists the certificates that match, soonest expiry first. Also used by the account
     * deactivation policy to find an account's certificates (no index on the account: rare).
     */
    Future<List<StoredCertificate>> listCertificates(CertificateQuery query);

    /** Lists every account, oldest first, with how many certificates each has. */
    Future<List<AccountSummary>> listAccounts();

    /**
     * Lists the orders stored as {@code valid} without a certificate of their own under their
     * certificate serial: issuance that claims success but lost the certificate.
     */
    Future<List<String>> findValidOrdersWithoutCertificate();

    /** Lists the orders for which more than one certificate is stored. */
    Future<List<String>> findOrdersWithSeveralCertificates();

    /** Closes connections; the store cannot be used afterwards. */
    Future<Void> close();

    /** Succeeds when the database answers a trivial query, for the readiness check. */
    Future<Void> ping();
}
