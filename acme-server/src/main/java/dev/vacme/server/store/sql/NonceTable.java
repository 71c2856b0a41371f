package dev.vacme.server.store.sql;

import io.vertx.core.Future;
import java.time.Instant;

/** Used nonces (RFC 8555 §6.5), shared by every instance on the database. */
final class NonceTable {

    private final SqlDatabase db;

    NonceTable(SqlDatabase db) {
        this.db = db;
    }

    /** The primary key makes the insert succeed once per nonce id, whichever instance tries. */
    Future<Boolean> redeem(String nonceId, Instant expiresAt) {
        return db.update("INSERT INTO used_nonces (nonce_id, expires_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
                nonceId, Codec.millis(expiresAt)).map(n -> n == 1);
    }

    Future<Integer> purgeExpired(Instant now) {
        return db.update("DELETE FROM used_nonces WHERE expires_at < ?", Codec.millis(now));
    }
}
