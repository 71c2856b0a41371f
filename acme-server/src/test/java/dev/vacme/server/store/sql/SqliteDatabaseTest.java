package dev.vacme.server.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.server.store.sqlite.SqliteDatabase;
import io.vertx.core.Future;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQL engine contract on SQLite, plus its connection settings and transaction rule. */
class SqliteDatabaseTest extends SqlDatabaseContractTest {

    @TempDir
    Path directory;

    @Override
    protected Future<SqlDatabase> openEmptyDatabase() {
        return SqliteDatabase.open(vertx, directory.resolve(UUID.randomUUID() + ".db"));
    }

    @Test
    void runsInWalModeWithForeignKeysAndABusyTimeout() {
        assertThat(await(db.query("PRAGMA journal_mode")).get(0).string("journal_mode")).isEqualTo("wal");
        assertThat(synchronousNow()).as("NORMAL").isEqualTo(1);
        assertThat(await(db.query("PRAGMA foreign_keys")).get(0).intValue("foreign_keys")).isEqualTo(1);
        assertThat(await(db.query("PRAGMA busy_timeout")).get(0).intValue("timeout")).isEqualTo(10_000);
    }

    @Test
    void aDurableTransactionSyncsItsCommitAndOnlyItsOwn() {
        int inside = await(db.inDurableTransaction(tx -> tx.update("INSERT INTO t (id) VALUES (?)", "a")
                .compose(n -> synchronousIn(tx))));

        assertThat(inside).as("FULL while committing").isEqualTo(2);
        assertThat(synchronousNow()).as("NORMAL afterwards").isEqualTo(1);
        assertThat(ids()).containsExactly("a");
    }

    @Test
    void aFailedDurableTransactionRollsBackAndLeavesTheDefault() {
        awaitFailure(db.inDurableTransaction(tx -> tx.update("INSERT INTO t (id) VALUES (?)", "a")
                .compose(n -> Future.failedFuture(new IllegalStateException("no")))));

        assertThat(synchronousNow()).as("NORMAL").isEqualTo(1);
        assertThat(ids()).isEmpty();
    }

    private static Future<Integer> synchronousIn(SqlSession session) {
        return session.query("PRAGMA synchronous").map(rows -> rows.get(0).intValue("synchronous"));
    }

    private int synchronousNow() {
        return await(synchronousIn(db));
    }

    @Test
    void rollsBackATransactionThatWaitsForAnythingButItsSession() {
        Throwable failure = awaitFailure(db.inTransaction(tx -> tx.update("INSERT INTO t (id) VALUES (?)", "a")
                // A timer far beyond the check: a 1 ms one could fire first on a loaded machine.
                .compose(n -> vertx.timer(60_000))));

        assertThat(failure).isInstanceOf(IllegalStateException.class)
                .hasMessage("an SQLite transaction may only compose its own session's operations");
        assertThat(ids()).isEmpty();
    }
}
