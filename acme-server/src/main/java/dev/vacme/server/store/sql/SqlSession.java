package dev.vacme.server.store.sql;

import io.vertx.core.Future;
import java.util.List;

/**
 * Runs SQL statements. Statements use {@code ?} placeholders, whatever the engine; parameters are
 * {@link String}, {@link Integer}, {@link Long} or null (timestamps are epoch milliseconds and flags
 * are 0 or 1, so that one schema fits every engine).
 *
 * <p>Inside {@link SqlDatabase#inTransaction} a session may complete its futures synchronously; work
 * done in a transaction must therefore only compose the session's own operations and pure
 * computations, never other asynchronous calls.
 */
public interface SqlSession {

    /**
     * Runs a query.
     *
     * @return the rows, in the order the database returned them
     */
    Future<List<SqlRow>> query(String sql, Object... params);

    /**
     * Runs an INSERT, UPDATE or DELETE.
     *
     * @return the number of rows it changed; fails with {@link UniqueViolationException} when it
     *         broke a unique constraint
     */
    Future<Integer> update(String sql, Object... params);
}
