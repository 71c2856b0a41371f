package dev.vacme.server.store;

import static dev.vacme.server.store.StoreFixtures.account;
import static dev.vacme.server.store.StoreFixtures.at;
import static dev.vacme.server.store.StoreFixtures.await;
import static dev.vacme.server.store.StoreFixtures.awaitFailure;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on the embedded SQLite engine, plus what is particular to a file. */
class SqliteStoreTest extends StoreContractTest {

    @TempDir
    Path directory;

    private Path file;

    @Override
    protected Future<Store> openFreshStore() {
        file = directory.resolve(UUID.randomUUID() + "/vacme.db");
        return Stores.open(vertx, StoreLocation.sqlite(file));
    }

    @Test
    void dataSurvivesARestart() {
        StoredOrder order = storePendingOrder();
        await(store.redeemNonce("used", at(Duration.ofMinutes(5))));
        await(store.close());

        store = await(Stores.open(vertx, StoreLocation.sqlite(file)));

        assertThat(await(store.findAccount("acct"))).contains(account("acct", "key-1"));
        assertThat(await(store.findOrder("order"))).contains(order);
        assertThat(await(store.redeemNonce("used", at(Duration.ofMinutes(5))))).isFalse();
    }

    @Test
    void reopeningAppliesNoMigrationTwice() throws Exception {
        await(store.close());
        store = await(Stores.open(vertx, StoreLocation.sqlite(file)));
        await(store.close());
        store = await(Stores.open(vertx, "sqlite:" + file));

        assertThat(rows("SELECT version, description FROM schema_version"))
                .containsExactly("1 schema", "2 processing since", "3 external account keys",
                        "4 rate limit events", "5 revocation publishing", "6 certificates by account");
    }

    @Test
    void anAccountsLiveCertificatesAreFoundThroughAnIndex() throws Exception {
        assertThat(String.join("\n", rows("EXPLAIN QUERY PLAN SELECT serial FROM certificates"
                + " WHERE not_after > 0 AND account_id = 'a'"))).contains("USING INDEX certificates_by_account");
    }

    @Test
    void theFileIsInWalModeAndReadableByItsOwnerOnly() throws Exception {
        assertThat(rows("PRAGMA journal_mode")).containsExactly("wal");
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
    }

    @Test
    void refusesAFileThatIsNotADatabase() throws Exception {
        Path notADatabase = directory.resolve("not-a-database.db");
        Files.writeString(notADatabase, "certainly not SQLite, but long enough to look like a header to it".repeat(20));

        Throwable failure = awaitFailure(Stores.open(vertx, StoreLocation.sqlite(notADatabase)));

        assertThat(failure).isInstanceOf(StoreOpenException.class);
        assertThat(failure.getMessage())
                .startsWith("cannot open the SQLite file " + notADatabase + ": ")
                .contains("not a database")
                .doesNotContain("\n");
    }

    @Test
    void refusesADatabaseMigratedByANewerVacme() throws Exception {
        await(store.close());
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO schema_version (version, description, applied_at) VALUES (99, 'future', 0)");
        }

        Throwable failure = awaitFailure(Stores.open(vertx, StoreLocation.sqlite(file)));

        assertThat(failure).isInstanceOf(StoreOpenException.class).hasMessage("cannot open the SQLite file " + file
                + ": the database schema is at version 99, newer than this Vacme supports (6); upgrade Vacme");
    }

    @Test
    void closingTwiceIsHarmless() {
        await(store.close());
        await(store.close());

        Store reopened = await(Stores.open(vertx, StoreLocation.sqlite(file)));
        assertThat(await(reopened.redeemNonce("n", at(Duration.ofMinutes(1))))).isTrue();
        await(reopened.close());
    }

    /** Reads a query's rows through a separate connection, each row's columns joined by spaces. */
    private List<String> rows(String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement();
                ResultSet results = statement.executeQuery(sql)) {
            List<String> rows = new ArrayList<>();
            while (results.next()) {
                List<String> columns = new ArrayList<>();
                for (int i = 1; i <= results.getMetaData().getColumnCount(); i++) {
                    columns.add(results.getString(i));
                }
                rows.add(String.join(" ", columns));
            }
            return rows;
        }
    }
}
