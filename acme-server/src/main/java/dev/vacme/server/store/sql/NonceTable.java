package dev.vacme.server.store.sql;

import io.vertx.core.Future;
import java.time.Instant;

/** Used nonces (RFC 8555 §6.5), shared by every instance on the database. */
final class NonceTable {

    /** Rows deleted per statement when purging. */
    static final int PURGE_BATCH = 1000;

    private final SqlDatabase db;

    NonceTable(SqlDatabase db) {
        this.db = db;
    }

    /** The primary key makes the insert succeed once per nonce id, whichever instance tries. */
    Future<Boolean> redeem(String nonceId, Instant expiresAt) {
        return db.update("INSERT INTO used_nonces (nonce_id, expires_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
                nonceId, Codec.millis(expiresAt)).map(n -> n == 1);
    }

    /**
     * Deletes the expired nonces in batches of {@link #PURGE_BATCH} rows, each its own statement,
     * so that requests queued behind the purge wait for one small batch, not for one delete of
     * hundreds of thousands of rows.
     */
    Future<Integer> purgeExpired(Instant now) {
        return purgeFrom(now, 0);
    }

    private Future<Integer> purgeFrom(Instant now, int purgedSoFar) {
        return db.update("DELETE FROM used_nonces WHERE nonce_id IN"
                        + " (SELECT nonce_id FROM used_nonces WHERE expires_at < ? LIMIT ?)",
                Codec.millis(now), PURGE_BATCH)
                .compose(deleted -> deleted < PURGE_BATCH
                        ? Future.succeededFuture(purgedSoFar + deleted)
                        : purgeFrom(now, purgedSoFar + deleted));
    }
}
