package dev.vacme.server.store.sql;

import dev.vacme.server.store.RateLimitRefusal;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The events the rate limits count (schema version 4). A limit's check and the recording of its
 * event are one transaction that other instances' checks of the same subject wait for: SQLite's
 * {@code BEGIN IMMEDIATE} admits one writer at a time, and PostgreSQL takes a transaction-scoped
 * advisory lock per limit and subject, in sorted order so that two transactions never wait on
 * each other.
 */
final class RateLimitEventTable {

    /** Rows deleted per statement when purging. */
    static final int PURGE_BATCH = 1000;

    /**
     * The first key of the two-key PostgreSQL advisory locks taken per limit and subject; the
     * two-key lock space is apart from the one-key space of the migration lock.
     */
    private static final int LOCK_CLASS = 0x766c696d; // "vlim"

    private final SqlDatabase db;

    RateLimitEventTable(SqlDatabase db) {
        this.db = db;
    }

    Future<Void> record(String limitName, Collection<String> subjects, Instant at) {
        List<String> distinct = sorted(subjects);
        if (distinct.isEmpty()) {
            return Future.succeededFuture();
        }
        return db.inTransaction(tx -> insert(tx, limitName, distinct, at));
    }

    /**
     * Records one event per subject unless one subject already holds {@code count} events at or
     * after {@code since}; the check and the insert happen under the subjects' locks.
     */
    Future<Optional<RateLimitRefusal>> admit(String limitName, Collection<String> subjects, int count,
            Instant since, Instant at) {
        List<String> distinct = sorted(subjects);
        if (distinct.isEmpty()) {
            return Future.succeededFuture(Optional.empty());
        }
        return db.inTransaction(tx -> lock(tx, limitName, distinct)
                .compose(locked -> firstFull(tx, limitName, distinct, 0, count, since))
                .compose(refusal -> refusal.isPresent() ? Future.succeededFuture(refusal)
                        : insert(tx, limitName, distinct, at).map(Optional.<RateLimitRefusal>empty())));
    }

    Future<List<Instant>> times(String limitName, String subject, Instant since, int limit) {
        return times(db, limitName, subject, since, limit);
    }

    /**
     * Deletes the events that happened before {@code cutoff}, in batches of {@link #PURGE_BATCH}
     * rows, each its own statement (like the nonce purge). Instances purging at once do not wait
     * on each other: PostgreSQL skips rows another purge has locked, and SQLite has one writer.
     */
    Future<Integer> purgeBefore(Instant cutoff) {
        return purgeFrom(cutoff, 0);
    }

    private Future<Integer> purgeFrom(Instant cutoff, int purgedSoFar) {
        String sql = db.dialect() == Dialect.POSTGRESQL
                ? "DELETE FROM rate_limit_events WHERE ctid IN (SELECT ctid FROM rate_limit_events"
                        + " WHERE occurred_at < ? LIMIT ? FOR UPDATE SKIP LOCKED)"
                : "DELETE FROM rate_limit_events WHERE rowid IN (SELECT rowid FROM rate_limit_events"
                        + " WHERE occurred_at < ? LIMIT ?)";
        return db.update(sql, Codec.millis(cutoff), PURGE_BATCH)
                .compose(deleted -> deleted < PURGE_BATCH
                        ? Future.succeededFuture(purgedSoFar + deleted)
                        : purgeFrom(cutoff, purgedSoFar + deleted));
    }

    private static Future<List<Instant>> times(SqlSession session, String limitName, String subject, Instant since,
            int limit) {
        return session.query("SELECT occurred_at FROM rate_limit_events WHERE limit_name = ? AND subject = ?"
                        + " AND occurred_at >= ? ORDER BY occurred_at LIMIT ?",
                        limitName, subject, Codec.millis(since), (long) limit)
                .map(rows -> rows.stream().map(row -> row.instant("occurred_at")).toList());
    }

    private Future<Void> lock(SqlSession tx, String limitName, List<String> subjects) {
        if (db.dialect() != Dialect.POSTGRESQL) {
            return Future.succeededFuture();
        }
        Future<Void> chain = Future.succeededFuture();
        for (String subject : subjects) {
            chain = chain.compose(ignored -> tx.query("SELECT 1 AS locked FROM pg_advisory_xact_lock(?, hashtext(?))",
                    LOCK_CLASS, limitName + " " + subject).mapEmpty());
        }
        return chain;
    }

    private static Future<Optional<RateLimitRefusal>> firstFull(SqlSession tx, String limitName, List<String> subjects,
            int index, int count, Instant since) {
        if (index == subjects.size()) {
            return Future.succeededFuture(Optional.empty());
        }
        String subject = subjects.get(index);
        return times(tx, limitName, subject, since, count).compose(times -> times.size() >= count
                ? Future.succeededFuture(Optional.of(new RateLimitRefusal(subject, times.get(0))))
                : firstFull(tx, limitName, subjects, index + 1, count, since));
    }

    private static Future<Void> insert(SqlSession tx, String limitName, List<String> subjects, Instant at) {
        Future<Integer> chain = Future.succeededFuture(0);
        for (String subject : subjects) {
            chain = chain.compose(ignored -> tx.update("INSERT INTO rate_limit_events (limit_name, subject, "
                    + "occurred_at) VALUES (?, ?, ?)", limitName, subject, Codec.millis(at)));
        }
        return chain.mapEmpty();
    }

    private static List<String> sorted(Collection<String> subjects) {
        return List.copyOf(new TreeSet<>(subjects));
    }
}
