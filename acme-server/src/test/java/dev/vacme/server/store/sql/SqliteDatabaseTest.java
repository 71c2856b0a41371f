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
    void runsDurableWithForeignKeysAndABusyTimeout() {
        assertThat(await(db.query("PRAGMA journal_mode")).get(0).string("journal_mode")).isEqualTo("wal");
        assertThat(await(db.query("PRAGMA synchronous")).get(0).intValue("synchronous")).as("FULL").isEqualTo(2);
        assertThat(await(db.query("PRAGMA foreign_keys")).get(0).intValue("foreign_keys")).isEqualTo(1);
        assertThat(await(db.query("PRAGMA busy_timeout")).get(0).intValue("timeout")).isEqualTo(10_000);
    }

    @Test
    void rollsBackATransactionThatWaitsForAnythingButItsSession() {
        Throwable failure = awaitFailure(db.inTransaction(tx -> tx.update("INSERT INTO t (id) VALUES (?)", "a")
                .compose(n -> vertx.timer(1))));

        assertThat(failure).isInstanceOf(IllegalStateException.class)
                .hasMessage("an SQLite transaction may only compose its own session's operations");
        assertThat(ids()).isEmpty();
    }
}
