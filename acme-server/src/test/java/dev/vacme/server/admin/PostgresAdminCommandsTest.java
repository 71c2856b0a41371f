package dev.vacme.server.admin;

import dev.vacme.server.store.PgTestDatabase;
import dev.vacme.server.store.StoreLocation;
import dev.vacme.server.store.pg.PgDatabase;
import dev.vacme.server.store.sql.SqlDatabase;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The admin commands on PostgreSQL, in a schema of this test's own. */
class PostgresAdminCommandsTest extends AdminCommandsTest {

    private final String schema = PgTestDatabase.uniqueSchema();

    @Override
    Map<String, Object> storeOptions() {
        return Map.of("db", PgTestDatabase.url(schema));
    }

    @Override
    List<String> storeArguments() {
        return List.of("--data-dir", dataDir.toString(), "--db", PgTestDatabase.url(schema));
    }

    @Override
    void execute(String sql) throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            SqlDatabase db = PgDatabase.create(vertx, (StoreLocation.Postgres) PgTestDatabase.location(schema));
            db.update(sql).eventually(db::close).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    @Override
    void dropStore() {
        Vertx vertx = Vertx.vertx();
        try {
            PgTestDatabase.drop(vertx, schema);
        } finally {
            vertx.close();
        }
    }
}
