package dev.vacme.server.store.sql;

import dev.vacme.common.jws.Base64Url;
import dev.vacme.server.store.StateConflictException;
import dev.vacme.server.store.StoredAccount;
import dev.vacme.server.store.StoredEabKey;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * External account binding keys (RFC 8555 §7.3.4). Binding is a conditional update in the
 * transaction that inserts the account, so that one key binds exactly one account even when many
 * clients, on many instances, race with it.
 */
final class EabKeyTable {

    private static final String COLUMNS = "kid, hmac_key, label, created_at, account_id, bound_at, revoked_at";

    private final SqlDatabase db;

    EabKeyTable(SqlDatabase db) {
        this.db = db;
    }

    Future<Void> insert(StoredEabKey key) {
        return db.inDurableTransaction(tx -> tx.update("INSERT INTO eab_keys (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)",
                key.kid(), Base64Url.encode(key.hmacKey()), key.label(), Codec.millis(key.createdAt()), key.accountId(),
                Codec.millis(key.boundAt()), Codec.millis(key.revokedAt()))).mapEmpty();
    }

    Future<Optional<StoredEabKey>> find(String kid) {
        return db.query("SELECT " + COLUMNS + " FROM eab_keys WHERE kid = ?", kid)
                .map(rows -> rows.stream().findFirst().map(EabKeyTable::key));
    }

    Future<List<StoredEabKey>> list() {
        return db.query("SELECT " + COLUMNS + " FROM eab_keys ORDER BY created_at, kid")
                .map(rows -> rows.stream().map(EabKeyTable::key).toList());
    }

    Future<Boolean> revoke(String kid, Instant now) {
        return db.inDurableTransaction(tx -> tx.update("UPDATE eab_keys SET revoked_at = ? WHERE kid = ? "
                + "AND revoked_at IS NULL", Codec.millis(now), kid)).map(n -> n == 1);
    }

    /**
     * Inserts the account and binds the key to it in one transaction; when the key is unknown,
     * revoked or bound already, nothing is stored and the result is empty. When another account
     * holds the key thumbprint, that one is returned and the key stays unused.
     */
    Future<Optional<StoredAccount>> insertBoundAccount(StoredAccount account, Instant now) {
        return db.<Optional<StoredAccount>>inDurableTransaction(tx -> AccountTable.insert(tx, account).compose(inserted -> {
            if (inserted == 0) {
                return AccountTable.findByThumbprint(tx, account.keyThumbprint());
            }
            return tx.update("UPDATE eab_keys SET account_id = ?, bound_at = ? "
                            + "WHERE kid = ? AND account_id IS NULL AND revoked_at IS NULL",
                            account.id(), Codec.millis(now), account.eabKeyId())
                    .compose(bound -> bound == 1
                            ? AccountTable.findByThumbprint(tx, account.keyThumbprint())
                            : Future.failedFuture(new StateConflictException("key " + account.eabKeyId()
                                    + " cannot bind an account")));
        })).recover(failure -> failure instanceof StateConflictException
                ? Future.succeededFuture(Optional.empty())
                : Future.failedFuture(failure));
    }

    private static StoredEabKey key(SqlRow row) {
        return new StoredEabKey(row.string("kid"), Base64Url.decode(row.string("hmac_key")), row.string("label"),
                row.instant("created_at"), row.string("account_id"), row.instant("bound_at"),
                row.instant("revoked_at"));
    }
}
