package dev.vacme.server.store.sql;

import dev.vacme.common.model.AccountStatus;
import dev.vacme.server.store.KeyChangeOutcome;
import dev.vacme.server.store.StoredAccount;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/** Accounts (RFC 8555 §7.3), unique by key thumbprint. */
final class AccountTable {

    static final String COLUMNS = "id, jwk, key_thumbprint, status, contact, tos_agreed, eab_key_id, created_at";
    private static final int INSERT_ATTEMPTS = 3;

    private final SqlDatabase db;

    AccountTable(SqlDatabase db) {
        this.db = db;
    }

    /**
     * Inserts unless the thumbprint is taken, then reads whichever account holds the thumbprint.
     * The read can miss only if that account changed its key in between; then the insert is tried
     * again.
     */
    Future<StoredAccount> insertIfAbsent(StoredAccount account) {
        return insertIfAbsent(account, INSERT_ATTEMPTS);
    }

    private Future<StoredAccount> insertIfAbsent(StoredAccount account, int attempts) {
        return db.inDurableTransaction(tx -> insert(tx, account))
                .compose(inserted -> findByThumbprint(account.keyThumbprint()))
                .compose(found -> found.map(Future::succeededFuture).orElseGet(() -> retryInsert(account, attempts)));
    }

    /** Inserts unless the id or thumbprint is taken; returns how many rows were inserted (0 or 1). */
    static Future<Integer> insert(SqlSession session, StoredAccount account) {
        return session.update("INSERT INTO accounts (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                account.id(), account.jwk(), account.keyThumbprint(), account.status().wireName(),
                Codec.json(account.contact()), Codec.flag(account.termsOfServiceAgreed()), account.eabKeyId(),
                Codec.millis(account.createdAt()));
    }

    /** Finds the account holding a key thumbprint, in a session. */
    static Future<Optional<StoredAccount>> findByThumbprint(SqlSession session, String thumbprint) {
        return session.query("SELECT " + COLUMNS + " FROM accounts WHERE key_thumbprint = ?", thumbprint)
                .map(AccountTable::first);
    }

    private Future<StoredAccount> retryInsert(StoredAccount account, int attempts) {
        if (attempts <= 1) {
            return Future.failedFuture(new IllegalStateException(
                    "account " + account.id() + " was not stored: its id is taken by another key"));
        }
        return insertIfAbsent(account, attempts - 1);
    }

    Future<Optional<StoredAccount>> find(String id) {
        return find(db, id);
    }

    Future<Optional<StoredAccount>> findByThumbprint(String thumbprint) {
        return findByThumbprint(db, thumbprint);
    }

    Future<Optional<StoredAccount>> update(String id, List<String> contact, Boolean termsOfServiceAgreed) {
        return db.inTransaction(tx -> {
            Future<Integer> updated = termsOfServiceAgreed == null
                    ? tx.update("UPDATE accounts SET contact = ? WHERE id = ? AND status = 'valid'", Codec.json(contact), id)
                    : tx.update("UPDATE accounts SET contact = ?, tos_agreed = ? WHERE id = ? AND status = 'valid'",
                            Codec.json(contact), Codec.flag(termsOfServiceAgreed), id);
            return updated.compose(n -> n == 0 ? Future.succeededFuture(Optional.empty()) : find(tx, id));
        });
    }

    /** Deactivates the account and, as RFC 8555 §7.3.6 asks, its pending authorizations, in one transaction. */
    Future<Optional<StoredAccount>> deactivate(String id) {
        return db.inDurableTransaction(tx -> tx.update("UPDATE accounts SET status = 'deactivated' WHERE id = ? AND status = 'valid'", id)
                .compose(n -> n == 0
                        ? Future.succeededFuture(Optional.empty())
                        : tx.update("UPDATE authorizations SET status = 'deactivated' WHERE account_id = ? AND status = 'pending'", id)
                                .compose(ignored -> find(tx, id))));
    }

    /**
     * Changes the key when the account still has the old one and no other account has the new one.
     * Two accounts racing for one new key both pass the check, but the unique thumbprint lets only
     * one update succeed; the other reports the winner as the conflict.
     */
    Future<KeyChangeOutcome> changeKey(String id, String oldThumbprint, String newJwk, String newThumbprint) {
        return db.inDurableTransaction(tx -> changeKey(tx, id, oldThumbprint, newJwk, newThumbprint))
                .recover(failure -> failure instanceof UniqueViolationException
                        ? lostRaceFor(id, newThumbprint, failure)
                        : Future.failedFuture(failure));
    }

    private static Future<KeyChangeOutcome> changeKey(SqlSession tx, String id, String oldThumbprint, String newJwk,
            String newThumbprint) {
        return otherAccountWithKey(tx, id, newThumbprint).compose(other -> other.isPresent()
                ? Future.succeededFuture(new KeyChangeOutcome(false, other))
                : tx.update("UPDATE accounts SET jwk = ?, key_thumbprint = ? WHERE id = ? AND key_thumbprint = ?",
                                newJwk, newThumbprint, id, oldThumbprint)
                        .map(n -> new KeyChangeOutcome(n == 1, Optional.empty())));
    }

    private Future<KeyChangeOutcome> lostRaceFor(String id, String newThumbprint, Throwable failure) {
        return otherAccountWithKey(db, id, newThumbprint).compose(other -> other.isPresent()
                ? Future.succeededFuture(new KeyChangeOutcome(false, other))
                : Future.failedFuture(failure));
    }

    private static Future<Optional<String>> otherAccountWithKey(SqlSession session, String id, String thumbprint) {
        return session.query("SELECT id FROM accounts WHERE key_thumbprint = ? AND id <> ?", thumbprint, id)
                .map(rows -> rows.stream().findFirst().map(row -> row.string("id")));
    }

    private static Future<Optional<StoredAccount>> find(SqlSession session, String id) {
        return session.query("SELECT " + COLUMNS + " FROM accounts WHERE id = ?", id).map(AccountTable::first);
    }

    private static Optional<StoredAccount> first(List<SqlRow> rows) {
        return rows.stream().findFirst().map(AccountTable::account);
    }

    static StoredAccount account(SqlRow row) {
        return new StoredAccount(
                row.string("id"),
                row.string("jwk"),
                row.string("key_thumbprint"),
                AccountStatus.parse(row.string("status")),
                Codec.strings(row.string("contact")),
                row.flag("tos_agreed"),
                row.string("eab_key_id"),
                row.instant("created_at"));
    }
}
