package dev.vacme.server.store;

import static dev.vacme.server.store.StoreFixtures.T0;
import static dev.vacme.server.store.StoreFixtures.at;
import static dev.vacme.server.store.StoreFixtures.await;
import static dev.vacme.server.store.StoreFixtures.awaitAll;
import static dev.vacme.server.store.StoreFixtures.awaitFailure;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The store contract on PostgreSQL, plus what several instances sharing one database need. Each
 * test runs in a schema of its own, dropped afterwards.
 */
class PostgresStoreTest extends StoreContractTest {

    private String schema;

    @Override
    protected Future<Store> openFreshStore() {
        schema = PgTestDatabase.uniqueSchema();
        return Stores.open(vertx, PgTestDatabase.location(schema));
    }

    @Override
    protected void dropFreshStore() {
        PgTestDatabase.drop(vertx, schema);
    }

    @Test
    void instancesSharingTheDatabaseRedeemANonceOnce() {
        Store other = await(Stores.open(vertx, PgTestDatabase.location(schema)));
        try {
            List<Boolean> results = awaitAll(IntStream.range(0, RACERS)
                    .mapToObj(i -> (i % 2 == 0 ? store : other).redeemNonce("shared", at(Duration.ofMinutes(5))))
                    .toList());

            assertThat(results).containsOnlyOnce(true).hasSize(RACERS);
        } finally {
            await(other.close());
        }
    }

    @Test
    void instancesSharingTheDatabaseAdmitExactlyTheLimitAndPurgeWithoutConflict() {
        Store other = await(Stores.open(vertx, PgTestDatabase.location(schema)));
        try {
            List<java.util.Optional<RateLimitRefusal>> results = awaitAll(IntStream.range(0, RACERS)
                    .mapToObj(i -> (i % 2 == 0 ? store : other).admitRateLimitEvents("new-accounts-per-ip",
                            List.of("192.0.2.7"), 4, at(Duration.ofHours(-2)), at(Duration.ofMinutes(-90 + i))))
                    .toList());
            List<Integer> purged = awaitAll(List.of(store.purgeRateLimitEvents(T0), other.purgeRateLimitEvents(T0)));

            assertThat(results).filteredOn(java.util.Optional::isEmpty).hasSize(4);
            assertThat(purged.get(0) + purged.get(1)).isEqualTo(4);
        } finally {
            await(other.close());
        }
    }

    @Test
    void instancesSharingTheDatabaseFinalizeAnOrderOnce() {
        storeReadyOrder();
        Store other = await(Stores.open(vertx, PgTestDatabase.location(schema)));
        try {
            List<Boolean> results = awaitAll(IntStream.range(0, RACERS)
                    .mapToObj(i -> (i % 2 == 0 ? store : other).beginProcessing("order", T0))
                    .toList());

            assertThat(results).containsOnlyOnce(true).hasSize(RACERS);
        } finally {
            await(other.close());
        }
    }

    @Test
    void instancesStartingTogetherOnAnEmptySchemaMigrateItOnce() {
        String fresh = PgTestDatabase.uniqueSchema();
        try {
            List<Store> stores = awaitAll(IntStream.range(0, 4)
                    .mapToObj(i -> Stores.open(vertx, PgTestDatabase.location(fresh)))
                    .toList());
            stores.forEach(opened -> await(opened.close()));

            assertThat(PgTestDatabase.rows(vertx, fresh, "SELECT version, description FROM schema_version ORDER BY version"))
                    .containsExactly("{description=schema, version=1}", "{description=processing since, version=2}",
                            "{description=external account keys, version=3}",
                            "{description=rate limit events, version=4}",
                            "{description=revocation publishing, version=5}",
                            "{description=certificates by account, version=6}");
        } finally {
            PgTestDatabase.drop(vertx, fresh);
        }
    }

    @Test
    void reopeningAppliesNoMigrationTwice() {
        await(store.close());
        store = await(Stores.open(vertx, PgTestDatabase.url(schema)));

        assertThat(PgTestDatabase.rows(vertx, schema, "SELECT version FROM schema_version ORDER BY version"))
                .containsExactly("{version=1}", "{version=2}", "{version=3}", "{version=4}", "{version=5}",
                        "{version=6}");
    }

    @Test
    void anUnreachableDatabaseFailsWithOneClearLine() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        Throwable failure = awaitFailure(Stores.open(vertx, "postgresql://vacme:secret@127.0.0.1:" + closedPort + "/acme"));

        assertThat(failure).isInstanceOf(StoreOpenException.class);
        assertThat(failure.getMessage())
                .startsWith("cannot open the PostgreSQL database postgresql://vacme@127.0.0.1:" + closedPort + "/acme: ")
                .containsIgnoringCase("connection refused")
                .doesNotContain("secret")
                .doesNotContain("\n");
    }

    @Test
    void aMissingDatabaseFailsWithOneClearLine() {
        StoreLocation.Postgres test = (StoreLocation.Postgres) StoreLocation.parse(PgTestDatabase.URL);
        String url = "postgresql://" + test.user() + "@" + test.host() + ":" + test.port() + "/vacme_no_such_database";

        Throwable failure = awaitFailure(Stores.open(vertx, url));

        assertThat(failure).isInstanceOf(StoreOpenException.class);
        assertThat(failure.getMessage())
                .startsWith("cannot open the PostgreSQL database " + url + ": ")
                .contains("\"vacme_no_such_database\" does not exist")
                .doesNotContain("\n");
    }

    @Test
    void aMalformedUrlFailsTheFutureWithOneClearLine() {
        Throwable failure = awaitFailure(Stores.open(vertx, "postgresql://127.0.0.1:5432/acme"));

        assertThat(failure).isInstanceOf(StoreOpenException.class)
                .hasMessage("malformed database URL 'postgresql://127.0.0.1:5432/acme': missing user; "
                        + "expected postgresql://user[:password]@host[:port]/database[?schema=NAME]");
    }
}
