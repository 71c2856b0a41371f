package dev.vacme.server.store.sql;

import io.vertx.core.Future;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Brings a database to the newest schema version: in one transaction, under the engine's migration
 * lock, it applies the migrations not yet recorded in {@code schema_version} and records them.
 * Running it again, or on N instances at once, applies nothing twice.
 */
public final class Migrator {

    private static final String VERSION_TABLE = "CREATE TABLE IF NOT EXISTS schema_version ("
            + "version INTEGER NOT NULL PRIMARY KEY, description TEXT NOT NULL, applied_at BIGINT NOT NULL)";

    private final SqlDatabase database;
    private final List<Migration> migrations;
    private final Clock clock;

    /** Creates a migrator for the given migrations, oldest first. */
    public Migrator(SqlDatabase database, List<Migration> migrations, Clock clock) {
        this.database = database;
        this.migrations = List.copyOf(migrations);
        this.clock = clock;
    }

    /**
     * Applies the missing migrations.
     *
     * @return the versions applied by this call (empty when the schema was current); fails when the
     *         database has a version this code does not know
     */
    public Future<List<Integer>> migrate() {
        return database.inTransaction(tx -> database.beginMigration(tx)
                .compose(v -> tx.update(VERSION_TABLE))
                .compose(n -> tx.query("SELECT version FROM schema_version"))
                .compose(rows -> applyMissing(tx, rows.stream().map(row -> row.intValue("version")).collect(Collectors.toSet()))));
    }

    private Future<List<Integer>> applyMissing(SqlSession tx, Set<Integer> applied) {
        int newest = migrations.isEmpty() ? 0 : migrations.get(migrations.size() - 1).version();
        int current = applied.stream().mapToInt(Integer::intValue).max().orElse(0);
        if (current > newest) {
            return Future.failedFuture(new IllegalStateException("the database schema is at version " + current
                    + ", newer than this Vacme supports (" + newest + "); upgrade Vacme"));
        }
        List<Migration> missing = migrations.stream().filter(m -> !applied.contains(m.version())).toList();
        Future<Void> chain = Future.succeededFuture();
        for (Migration migration : missing) {
            chain = chain.compose(v -> apply(tx, migration));
        }
        return chain.map(v -> missing.stream().map(Migration::version).toList());
    }

    private Future<Void> apply(SqlSession tx, Migration migration) {
        Future<Integer> chain = Future.succeededFuture(0);
        for (String statement : migration.statements()) {
            chain = chain.compose(n -> tx.update(statement));
        }
        return chain.compose(n -> tx.update("INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)",
                migration.version(), migration.description(), clock.millis())).mapEmpty();
    }
}
