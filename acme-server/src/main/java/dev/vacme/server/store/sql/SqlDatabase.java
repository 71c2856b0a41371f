package dev.vacme.server.store.sql;

import io.vertx.core.Future;
import java.util.function.Function;

/**
 * A database engine behind the one SQL store: statements outside a transaction run on their own
 * (auto-commit), {@link #inTransaction} runs several atomically.
 */
public interface SqlDatabase extends SqlSession {

    /** Returns which SQL dialect the engine speaks, for the few statements that differ. */
    Dialect dialect();

    /**
     * Runs {@code work} in one transaction: committed when its future succeeds, rolled back when
     * it fails. See {@link SqlSession} for what the work may do.
     */
    <T> Future<T> inTransaction(Function<SqlSession, Future<T>> work);

    /**
     * Like {@link #inTransaction}, for the writes a client must never see undone, not even by a
     * power loss (an issued certificate, a revocation, an account): once its future succeeds the
     * commit is on disk, with every commit before it. Engines that sync every commit anyway need
     * not override this.
     */
    default <T> Future<T> inDurableTransaction(Function<SqlSession, Future<T>> work) {
        return inTransaction(work);
    }

    /**
     * Prepares a migration transaction: takes whatever lock keeps other instances from migrating
     * at the same time and creates the target schema when it is missing.
     */
    Future<Void> beginMigration(SqlSession transaction);

    /** Closes the connections; the database cannot be used afterwards. */
    Future<Void> close();
}
