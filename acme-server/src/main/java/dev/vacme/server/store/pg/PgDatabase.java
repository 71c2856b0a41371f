package dev.vacme.server.store.pg;

import dev.vacme.server.store.StoreLocation;
import dev.vacme.server.store.sql.Dialect;
import dev.vacme.server.store.sql.SqlDatabase;
import dev.vacme.server.store.sql.SqlRow;
import dev.vacme.server.store.sql.SqlSession;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.List;
import java.util.function.Function;

/**
 * A PostgreSQL database behind the SQL store, through the reactive vertx-pg-client: a pool of
 * pipelined connections, prepared statements cached per connection, transactions with BEGIN and
 * COMMIT on a pooled connection. Several server instances can share one database; migrations are
 * serialized by a transaction-scoped advisory lock. An outage fails statements with
 * {@link dev.vacme.server.store.StoreUnavailableException} (see {@link PgFailures}).
 */
public final class PgDatabase implements SqlDatabase {

    /** The most connections one server instance opens. */
    public static final int POOL_SIZE = 8;

    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    /** The advisory lock key migrations take ("vacme" in ASCII), so instances migrate one at a time. */
    private static final long MIGRATION_LOCK = 0x7661636d65L;

    private final Pool pool;
    private final PgSession session;
    private final String schema;

    private PgDatabase(Pool pool, String schema) {
        this.pool = pool;
        this.session = new PgSession(pool);
        this.schema = schema;
    }

    /**
     * Creates the pool; no connection is made until the first statement, so a database that is
     * unreachable shows up as that statement's failure.
     */
    public static PgDatabase create(Vertx vertx, StoreLocation.Postgres location) {
        PgConnectOptions connect = new PgConnectOptions()
                .setHost(location.host())
                .setPort(location.port())
                .setDatabase(location.database())
                .setUser(location.user())
                .setCachePreparedStatements(true)
                .addProperty("application_name", "vacme-server")
                // Notices ("schema_version already exists, skipping" on every start) would each be
                // logged as a driver warning; warnings and errors still come through.
                .addProperty("client_min_messages", "warning");
        if (location.password() != null) {
            connect.setPassword(location.password());
        }
        if (location.schema() != null) {
            connect.addProperty("search_path", quoted(location.schema()));
        }
        Pool pool = PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(POOL_SIZE))
                .with(new NetClientOptions().setConnectTimeout(CONNECT_TIMEOUT_MILLIS))
                .connectingTo(connect)
                .using(vertx)
                .build();
        return new PgDatabase(pool, location.schema());
    }

    @Override
    public Dialect dialect() {
        return Dialect.POSTGRESQL;
    }

    @Override
    public Future<List<SqlRow>> query(String sql, Object... params) {
        return session.query(sql, params).recover(PgFailures::classify);
    }

    @Override
    public Future<Integer> update(String sql, Object... params) {
        return session.update(sql, params).recover(PgFailures::classify);
    }

    @Override
    public <T> Future<T> inTransaction(Function<SqlSession, Future<T>> work) {
        // As Pool.withTransaction, except that the connection's exception handler is set before
        // BEGIN is sent: a connection the server drops (57P01 while PostgreSQL restarts) reports
        // to it, and without one the driver prints the error to stderr. The statements in flight
        // fail instead, and are classified below.
        return pool.getConnection().compose(connection -> {
            connection.exceptionHandler(lost -> { });
            return connection.begin()
                    .compose(transaction -> work.apply(new PgSession(connection)).compose(
                            result -> transaction.commit().map(result),
                            failure -> transaction.rollback().transform(rolledBack -> Future.<T>failedFuture(failure))))
                    .onComplete(done -> connection.close());
        }).recover(PgFailures::classify);
    }

    /**
     * Takes the migration advisory lock (released when the transaction ends) and creates the
     * configured schema when it is missing; both inside the migration transaction, so that
     * instances starting together neither race on the schema nor apply a migration twice.
     */
    @Override
    public Future<Void> beginMigration(SqlSession transaction) {
        Future<?> locked = transaction.query("SELECT 1 AS locked FROM pg_advisory_xact_lock(?)", MIGRATION_LOCK);
        if (schema == null) {
            return locked.mapEmpty();
        }
        return locked.compose(rows -> transaction.update("CREATE SCHEMA IF NOT EXISTS " + quoted(schema))).mapEmpty();
    }

    @Override
    public Future<Void> close() {
        return pool.close();
    }

    /** Quotes a schema name already checked to be a plain identifier. */
    private static String quoted(String identifier) {
        return '"' + identifier + '"';
    }
}
