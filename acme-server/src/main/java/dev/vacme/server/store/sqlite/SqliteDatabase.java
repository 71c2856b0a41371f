package dev.vacme.server.store.sqlite;

import dev.vacme.server.store.sql.Dialect;
import dev.vacme.server.store.sql.SqlDatabase;
import dev.vacme.server.store.sql.SqlRow;
import dev.vacme.server.store.sql.SqlSession;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.sqlite.SQLiteConfig;

/**
 * An SQLite file behind the SQL store: one JDBC connection, used only on one dedicated worker
 * thread, so the event loop never waits for the disk and statements never interleave. The file is
 * opened in WAL mode with {@code synchronous=NORMAL}, foreign keys enforced and a busy timeout for
 * other processes holding the file. Every commit survives a crash of the process; a power loss may
 * undo the last ordinary commits (never corrupting the file), but not a
 * {@linkplain #inDurableTransaction durable} one, which syncs the log to disk before it returns
 * and so also makes every commit before it durable. That saves a disk sync on most writes.
 *
 * <p>A transaction runs entirely on the worker thread: the session given to the work completes its
 * futures synchronously, so the work finishes before the transaction commits.
 */
public final class SqliteDatabase implements SqlDatabase {

    private static final String NATIVE_DIR_PROPERTY = "org.sqlite.tmpdir";

    /** The name of the worker pool (one thread) every SQLite store of a Vert.x instance shares. */
    public static final String WORKER_NAME = "vacme-sqlite";

    private static final int BUSY_TIMEOUT_MILLIS = 10_000;

    private final WorkerExecutor worker;
    private final Connection connection;
    private final JdbcStatements statements;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SqliteDatabase(WorkerExecutor worker, Connection connection) {
        this.worker = worker;
        this.connection = connection;
        this.statements = new JdbcStatements(connection);
    }

    /**
     * Has sqlite-jdbc extract its native library under {@code directory} (the data directory, which
     * the server may write to, where {@code /tmp} may be mounted noexec), unless the JVM was told
     * where already, as the test runs are. Call it before the first store opens.
     */
    public static void extractNativeLibraryUnder(Path directory) {
        if (System.getProperty(NATIVE_DIR_PROPERTY) == null) {
            System.setProperty(NATIVE_DIR_PROPERTY, directory.toString());
        }
    }

    /**
     * Opens (creating when missing, readable by the owner only) the SQLite file.
     *
     * @return the database, or a failed future when the file cannot be opened as SQLite
     */
    public static Future<SqlDatabase> open(Vertx vertx, Path file) {
        WorkerExecutor worker = vertx.createSharedWorkerExecutor(WORKER_NAME, 1);
        return worker.executeBlocking(() -> connect(file), true)
                .<SqlDatabase>map(connection -> new SqliteDatabase(worker, connection))
                .onFailure(e -> worker.close());
    }

    private static Connection connect(Path file) throws Exception {
        Path absolute = file.toAbsolutePath();
        if (absolute.getParent() != null) {
            Files.createDirectories(absolute.getParent());
        }
        if (!Files.exists(absolute) && FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(absolute, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        Connection connection = config.createConnection("jdbc:sqlite:" + absolute);
        try {
            JdbcStatements probe = new JdbcStatements(connection);
            probe.query("SELECT count(*) AS n FROM sqlite_schema", new Object[0]);
            probe.close();
            return connection;
        } catch (Exception e) {
            connection.close();
            throw e;
        }
    }

    @Override
    public Dialect dialect() {
        return Dialect.SQLITE;
    }

    @Override
    public Future<List<SqlRow>> query(String sql, Object... params) {
        return worker.executeBlocking(() -> statements.query(sql, params), true);
    }

    @Override
    public Future<Integer> update(String sql, Object... params) {
        return worker.executeBlocking(() -> statements.update(sql, params), true);
    }

    @Override
    public <T> Future<T> inTransaction(Function<SqlSession, Future<T>> work) {
        return worker.executeBlocking(() -> runTransaction(work), true);
    }

    @Override
    public <T> Future<T> inDurableTransaction(Function<SqlSession, Future<T>> work) {
        return worker.executeBlocking(() -> {
            statements.execute("PRAGMA synchronous = FULL");
            try {
                return runTransaction(work);
            } finally {
                statements.execute("PRAGMA synchronous = NORMAL");
            }
        }, true);
    }

    /** SQLite needs no lock of its own: {@code BEGIN IMMEDIATE} already keeps other writers out. */
    @Override
    public Future<Void> beginMigration(SqlSession transaction) {
        return Future.succeededFuture();
    }

    private <T> T runTransaction(Function<SqlSession, Future<T>> work) throws Exception {
        statements.execute("BEGIN IMMEDIATE");
        try {
            Future<T> result = work.apply(new ImmediateSession(statements));
            if (!result.isComplete()) {
                throw new IllegalStateException("an SQLite transaction may only compose its own session's operations");
            }
            if (result.failed()) {
                throw asException(result.cause());
            }
            statements.execute("COMMIT");
            return result.result();
        } catch (Exception | Error e) {
            rollback(e);
            throw e;
        }
    }

    private void rollback(Throwable failure) {
        try {
            statements.execute("ROLLBACK");
        } catch (SQLException e) {
            // SQLite rolls back by itself after some errors; keep the first failure as the cause.
            failure.addSuppressed(e);
        }
    }

    private static Exception asException(Throwable cause) {
        return cause instanceof Exception e ? e : new IllegalStateException(cause);
    }

    /** Closes the connection after the statements already queued; closing again does nothing. */
    @Override
    public Future<Void> close() {
        if (!closed.compareAndSet(false, true)) {
            return Future.succeededFuture();
        }
        return worker.executeBlocking(() -> {
            statements.close();
            connection.close();
            return null;
        }, true).<Void>mapEmpty().eventually(worker::close);
    }

    /** The session inside a transaction: runs each statement at once on the current (worker) thread. */
    private record ImmediateSession(JdbcStatements statements) implements SqlSession {

        @Override
        public Future<List<SqlRow>> query(String sql, Object... params) {
            try {
                return Future.succeededFuture(statements.query(sql, params));
            } catch (Exception e) {
                return Future.failedFuture(e);
            }
        }

        @Override
        public Future<Integer> update(String sql, Object... params) {
            try {
                return Future.succeededFuture(statements.update(sql, params));
            } catch (Exception e) {
                return Future.failedFuture(e);
            }
        }
    }
}
