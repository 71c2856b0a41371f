package dev.vacme.server.store;

import static dev.vacme.server.store.StoreFixtures.await;

import dev.vacme.server.store.pg.PgDatabase;
import dev.vacme.server.store.sql.SqlDatabase;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The PostgreSQL the tests use: {@code VACME_TEST_PG_URL}, by default the local server with trust
 * authentication. Every test works in a schema of its own, so runs never collide.
 */
public final class PgTestDatabase {

    public static final String URL = System.getenv().getOrDefault("VACME_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/test");

    private PgTestDatabase() {
    }

    /** Returns a schema name no other run uses. */
    public static String uniqueSchema() {
        return "vacme_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
    }

    /** Returns the test database's URL with the given schema. */
    public static String url(String schema) {
        return URL + (URL.contains("?") ? "&" : "?") + "schema=" + schema;
    }

    /** Returns the test database's location with the given schema. */
    public static StoreLocation location(String schema) {
        return StoreLocation.parse(url(schema));
    }

    /** Runs a query in the schema and returns each row's columns joined by spaces. */
    public static List<String> rows(Vertx vertx, String schema, String sql) {
        SqlDatabase db = PgDatabase.create(vertx, (StoreLocation.Postgres) location(schema));
        try {
            return await(db.query(sql)).stream().map(Object::toString).toList();
        } finally {
            await(db.close());
        }
    }

    /** Drops the schema and everything in it. */
    public static void drop(Vertx vertx, String schema) {
        SqlDatabase db = PgDatabase.create(vertx, (StoreLocation.Postgres) StoreLocation.parse(URL));
        try {
            await(db.update("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE"));
        } finally {
            await(db.close());
        }
    }
}
