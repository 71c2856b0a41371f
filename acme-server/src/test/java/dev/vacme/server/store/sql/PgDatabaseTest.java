package dev.vacme.server.store.sql;

import dev.vacme.server.store.PgTestDatabase;
import dev.vacme.server.store.StoreLocation;
import dev.vacme.server.store.pg.PgDatabase;
import io.vertx.core.Future;

/** The SQL engine contract on PostgreSQL, in a schema of its own per test. */
class PgDatabaseTest extends SqlDatabaseContractTest {

    private String schema;

    @Override
    protected Future<SqlDatabase> openEmptyDatabase() {
        schema = PgTestDatabase.uniqueSchema();
        SqlDatabase database = PgDatabase.create(vertx, (StoreLocation.Postgres) PgTestDatabase.location(schema));
        return database.inTransaction(database::beginMigration).map(v -> database);
    }

    @Override
    protected void dropDatabase() {
        PgTestDatabase.drop(vertx, schema);
    }
}
