package dev.vacme.server.store.sql;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import java.util.stream.Collectors;

/**
 * Used nonces (RFC 8555 §6.5), shared by every instance on the database.
 *
 * <p>Redemptions are grouped: while one insert is on its way to the database, the redemptions that
 * arrive meanwhile wait and then go together as one multi-row insert, so under load the database
 * sees one statement and one commit for many nonces, and an idle server still redeems each nonce
 * at once. The primary key keeps every nonce single-use whichever instance or batch tries it.
 */
final class NonceTable {

    /** Rows deleted per statement when purging. */
    static final int PURGE_BATCH = 1000;

    /** Most nonces redeemed by one statement. */
    static final int REDEEM_BATCH = 32;

    private final SqlDatabase db;
    private final ArrayDeque<Redemption> waiting = new ArrayDeque<>();
    private boolean inserting;

    NonceTable(SqlDatabase db) {
        this.db = db;
    }

    /** One redemption waiting for its batch; its answer goes back on the caller's context. */
    private record Redemption(String nonceId, Long expiresAt, Context context, Promise<Boolean> promise) {

        void complete(boolean first) {
            run(() -> promise.complete(first));
        }

        void fail(Throwable failure) {
            run(() -> promise.fail(failure));
        }

        private void run(Runnable action) {
            if (context == null || context == Vertx.currentContext()) {
                action.run();
            } else {
                context.runOnContext(ignored -> action.run());
            }
        }
    }

    /** Answers true for the first redemption of a nonce id, false for any later one. */
    Future<Boolean> redeem(String nonceId, Instant expiresAt) {
        Promise<Boolean> promise = Promise.promise();
        List<Redemption> batch;
        synchronized (waiting) {
            waiting.add(new Redemption(nonceId, Codec.millis(expiresAt), Vertx.currentContext(), promise));
            if (inserting) {
                return promise.future();
            }
            inserting = true;
            batch = nextBatch();
        }
        insert(batch);
        return promise.future();
    }

    /** Takes up to {@link #REDEEM_BATCH} waiting redemptions; called holding the lock. */
    private List<Redemption> nextBatch() {
        List<Redemption> batch = new ArrayList<>();
        while (!waiting.isEmpty() && batch.size() < REDEEM_BATCH) {
            batch.add(waiting.poll());
        }
        return batch;
    }

    private void insert(List<Redemption> batch) {
        Future<Set<String>> inserted;
        try {
            inserted = inserted(batch);
        } catch (RuntimeException e) {
            inserted = Future.failedFuture(e);
        }
        inserted.onComplete(result -> {
            if (result.succeeded()) {
                Set<String> answered = new HashSet<>();
                for (Redemption redemption : batch) {
                    // A nonce sent twice in one batch is inserted once: only its first redemption counts.
                    redemption.complete(result.result().contains(redemption.nonceId())
                            && answered.add(redemption.nonceId()));
                }
            } else {
                batch.forEach(redemption -> redemption.fail(result.cause()));
            }
            List<Redemption> next;
            synchronized (waiting) {
                if (waiting.isEmpty()) {
                    inserting = false;
                    return;
                }
                next = nextBatch();
            }
            insert(next);
        });
    }

    /** Inserts the batch's nonce ids and returns those that were not already used. */
    private Future<Set<String>> inserted(List<Redemption> batch) {
        if (batch.size() == 1) {
            Redemption only = batch.get(0);
            return db.update("INSERT INTO used_nonces (nonce_id, expires_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
                    only.nonceId(), only.expiresAt()).map(n -> n == 1 ? Set.of(only.nonceId()) : Set.of());
        }
        StringJoiner rows = new StringJoiner(", ");
        List<Object> params = new ArrayList<>();
        Set<String> distinct = new HashSet<>();
        for (Redemption redemption : batch) {
            if (distinct.add(redemption.nonceId())) {
                rows.add("(?, ?)");
                params.add(redemption.nonceId());
                params.add(redemption.expiresAt());
            }
        }
        return db.query("INSERT INTO used_nonces (nonce_id, expires_at) VALUES " + rows
                        + " ON CONFLICT DO NOTHING RETURNING nonce_id", params.toArray())
                .map(inserted -> inserted.stream().map(row -> row.string("nonce_id")).collect(Collectors.toSet()));
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
