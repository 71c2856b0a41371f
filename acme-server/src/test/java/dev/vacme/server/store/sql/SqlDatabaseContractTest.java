package dev.vacme.server.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** What the SQL store relies on from every engine: parameters, types, row counts, errors, transactions. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SqlDatabaseContractTest {

    protected Vertx vertx;
    protected SqlDatabase db;

    /** Opens an empty database. */
    protected abstract Future<SqlDatabase> openEmptyDatabase();

    /** Removes what {@link #openEmptyDatabase} created; the database is already closed. */
    protected void dropDatabase() {
    }

    @BeforeAll
    void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    void stopVertx() {
        await(vertx.close());
    }

    @BeforeEach
    void createTable() {
        db = await(openEmptyDatabase());
        await(db.update("CREATE TABLE t (id TEXT NOT NULL PRIMARY KEY, big BIGINT, small INTEGER, text TEXT)"));
    }

    @AfterEach
    void close() {
        await(db.close());
        dropDatabase();
    }

    @Test
    void roundTripsTextIntegersAndNulls() {
        long millis = Instant.parse("2100-01-01T00:00:00.123Z").toEpochMilli();
        await(db.update("INSERT INTO t (id, big, small, text) VALUES (?, ?, ?, ?)", "a", millis, 7, "it's ?"));
        await(db.update("INSERT INTO t (id, big, small, text) VALUES (?, ?, ?, ?)", "b", null, null, null));

        List<SqlRow> rows = await(db.query("SELECT id, big, small, text FROM t ORDER BY id"));

        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).instant("big")).isEqualTo(Instant.parse("2100-01-01T00:00:00.123Z"));
        assertThat(rows.get(0).intValue("small")).isEqualTo(7);
        assertThat(rows.get(0).flag("small")).isTrue();
        assertThat(rows.get(0).string("text")).isEqualTo("it's ?");
        assertThat(rows.get(1).longValue("big")).isNull();
        assertThat(rows.get(1).intValue("small")).isNull();
        assertThat(rows.get(1).string("text")).isNull();
    }

    @Test
    void countsTheRowsAStatementChanged() {
        await(db.update("INSERT INTO t (id, small) VALUES (?, ?), (?, ?), (?, ?)", "a", 1, "b", 1, "c", 2));

        assertThat(await(db.update("UPDATE t SET text = ? WHERE small = ?", "x", 1))).isEqualTo(2);
        assertThat(await(db.update("INSERT INTO t (id) VALUES (?) ON CONFLICT DO NOTHING", "a"))).isZero();
        assertThat(await(db.update("DELETE FROM t WHERE id = ?", "zzz"))).isZero();
    }

    @Test
    void reportsAUniqueViolationAsSuch() {
        await(db.update("INSERT INTO t (id) VALUES (?)", "a"));

        assertThat(awaitFailure(db.update("INSERT INTO t (id) VALUES (?)", "a"))).isInstanceOf(UniqueViolationException.class);
    }

    @Test
    void commitsATransactionWhoseWorkSucceeds() {
        String result = await(db.inTransaction(tx -> tx.update("INSERT INTO t (id) VALUES (?)", "a")
                .compose(n -> tx.update("INSERT INTO t (id) VALUES (?)", "b"))
                .compose(n -> tx.query("SELECT count(*) AS n FROM t"))
                .map(rows -> "saw " + rows.get(0).longValue("n"))));

        assertThat(result).isEqualTo("saw 2");
        assertThat(ids()).containsExactly("a", "b");
    }

    @Test
    void aDurableTransactionCommitsAndRollsBackLikeAnyOther() {
        await(db.inDurableTransaction(tx -> tx.update("INSERT INTO t (id) VALUES (?)", "a")));
        awaitFailure(db.inDurableTransaction(tx -> tx.update("INSERT INTO t (id) VALUES (?)", "b")
                .compose(n -> Future.failedFuture(new IllegalArgumentException("no, thanks")))));

        assertThat(ids()).containsExactly("a");
    }

    @Test
    void rollsBackATransactionWhoseWorkFails() {
        Throwable failure = awaitFailure(db.inTransaction(tx -> tx.update("INSERT INTO t (id) VALUES (?)", "a")
                .compose(n -> Future.failedFuture(new IllegalArgumentException("no, thanks")))));

        assertThat(failure).isInstanceOf(IllegalArgumentException.class).hasMessage("no, thanks");
        assertThat(ids()).isEmpty();
    }

    @Test
    void rollsBackATransactionWhoseStatementFails() {
        await(db.update("INSERT INTO t (id) VALUES (?)", "taken"));

        Throwable failure = awaitFailure(db.inTransaction(tx -> tx.update("INSERT INTO t (id) VALUES (?)", "a")
                .compose(n -> tx.update("INSERT INTO t (id) VALUES (?)", "taken"))));

        assertThat(failure).isInstanceOf(UniqueViolationException.class);
        assertThat(ids()).containsExactly("taken");
        assertThat(await(db.update("INSERT INTO t (id) VALUES (?)", "after"))).as("the engine is usable afterwards").isEqualTo(1);
    }

    protected List<String> ids() {
        return await(db.query("SELECT id FROM t ORDER BY id")).stream().map(row -> row.string("id")).toList();
    }

    protected static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    protected static Throwable awaitFailure(Future<?> future) {
        try {
            Object result = future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            throw new AssertionError("expected a failure, got " + result);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
