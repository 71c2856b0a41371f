package dev.vacme.server.store.sql;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

/** The events the rate limits count when no other table answers them (schema version 4). */
final class RateLimitEventTable {

    private final SqlDatabase db;

    RateLimitEventTable(SqlDatabase db) {
        this.db = db;
    }

    Future<Void> record(String limitName, Collection<String> subjects, Instant at) {
        List<String> distinct = List.copyOf(new LinkedHashSet<>(subjects));
        if (distinct.isEmpty()) {
            return Future.succeededFuture();
        }
        return db.inTransaction(tx -> {
            Future<Integer> chain = Future.succeededFuture(0);
            for (String subject : distinct) {
                chain = chain.compose(ignored -> tx.update("INSERT INTO rate_limit_events (limit_name, subject, "
                        + "occurred_at) VALUES (?, ?, ?)", limitName, subject, Codec.millis(at)));
            }
            return chain;
        }).mapEmpty();
    }

    Future<List<Instant>> times(String limitName, String subject, Instant since, int limit) {
        return db.query("SELECT occurred_at FROM rate_limit_events WHERE limit_name = ? AND subject = ?"
                        + " AND occurred_at >= ? ORDER BY occurred_at LIMIT ?",
                        limitName, subject, Codec.millis(since), (long) limit)
                .map(rows -> rows.stream().map(row -> row.instant("occurred_at")).toList());
    }
}
