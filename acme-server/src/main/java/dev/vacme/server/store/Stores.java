package dev.vacme.server.store;

import dev.vacme.server.store.pg.PgDatabase;
import dev.vacme.server.store.sql.Migration;
import dev.vacme.server.store.sql.Migrator;
import dev.vacme.server.store.sql.SqlDatabase;
import dev.vacme.server.store.sql.SqlStore;
import dev.vacme.server.store.sqlite.SqliteDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;

/**
 * Opens a {@link Store}: connects to the engine the location names, brings the schema up to date
 * and returns the store. Any failure (unreachable database, refused login, unusable file, schema
 * from a newer Vacme) fails the future with a {@link StoreOpenException} whose message is one line
 * for the operator, e.g. {@code cannot open the PostgreSQL database postgresql://vacme@db:5432/acme:
 * Connection refused}.
 */
public final class Stores {

    private Stores() {
    }

    /** Opens the store at {@code location}, timestamping migrations with the system clock. */
    public static Future<Store> open(Vertx vertx, StoreLocation location) {
        return open(vertx, location, Clock.systemUTC());
    }

    /**
     * Opens the store at a database URL (see {@link StoreLocation#parse}); a malformed URL fails the
     * future with a {@link StoreOpenException}.
     */
    public static Future<Store> open(Vertx vertx, String url) {
        StoreLocation location;
        try {
            location = StoreLocation.parse(url);
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(new StoreOpenException(e.getMessage(), e));
        }
        return open(vertx, location);
    }

    /** Opens the store at {@code location}; {@code clock} stamps the stored secrets and migrations. */
    public static Future<Store> open(Vertx vertx, StoreLocation location, Clock clock) {
        return connect(vertx, location)
                .compose(db -> migrate(vertx, db, clock).<Store>map(v -> new SqlStore(db, clock))
                        .recover(failure -> db.close().transform(closed -> Future.failedFuture(failure))))
                .recover(failure -> Future.failedFuture(new StoreOpenException(
                        "cannot open the " + location.describe() + ": " + oneLine(failure), failure)));
    }

    private static Future<SqlDatabase> connect(Vertx vertx, StoreLocation location) {
        if (location instanceof StoreLocation.Sqlite sqlite) {
            return SqliteDatabase.open(vertx, sqlite.file());
        }
        return Future.succeededFuture(PgDatabase.create(vertx, (StoreLocation.Postgres) location));
    }

    /** Loads the migration scripts on a worker (class path I/O), then applies what is missing. */
    private static Future<Void> migrate(Vertx vertx, SqlDatabase db, Clock clock) {
        return vertx.executeBlocking(() -> Migration.load(db.dialect()), false)
                .compose(migrations -> new Migrator(db, migrations, clock).migrate())
                .mapEmpty();
    }

    /** The innermost message, on one line: that is where the database says what is wrong. */
    private static String oneLine(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null || root.getMessage().isBlank()
                ? "the database gave no reason"
                : root.getMessage();
        return message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
