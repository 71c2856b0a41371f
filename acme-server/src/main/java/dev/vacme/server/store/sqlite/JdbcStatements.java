package dev.vacme.server.store.sqlite;

import dev.vacme.server.store.sql.SqlRow;
import dev.vacme.server.store.sql.UniqueViolationException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Runs statements on one JDBC connection, synchronously; only ever called on the SQLite worker
 * thread. The store's statements are a fixed set of SQL strings, so each is compiled by SQLite
 * once and kept ({@value #CACHED_STATEMENTS} at most, the least recently used closed first); a
 * statement that failed is closed and compiled afresh next time.
 */
final class JdbcStatements {

    static final int CACHED_STATEMENTS = 128;

    private final Connection connection;
    private final Map<String, PreparedStatement> prepared = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
            if (size() <= CACHED_STATEMENTS) {
                return false;
            }
            closeQuietly(eldest.getValue());
            return true;
        }
    };

    JdbcStatements(Connection connection) {
        this.connection = connection;
    }

    List<SqlRow> query(String sql, Object[] params) throws Exception {
        PreparedStatement statement = prepare(sql, params);
        try (ResultSet results = statement.executeQuery()) {
            ResultSetMetaData meta = results.getMetaData();
            String[] labels = new String[meta.getColumnCount()];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = meta.getColumnLabel(i + 1);
            }
            List<SqlRow> rows = new ArrayList<>();
            while (results.next()) {
                Map<String, Object> values = new HashMap<>();
                for (int i = 0; i < labels.length; i++) {
                    values.put(labels[i], results.getObject(i + 1));
                }
                rows.add(new SqlRow(values));
            }
            return rows;
        } catch (SQLException | RuntimeException e) {
            forget(sql);
            throw e instanceof SQLException sqlFailure ? translated(sqlFailure) : e;
        }
    }

    int update(String sql, Object[] params) throws Exception {
        PreparedStatement statement = prepare(sql, params);
        try {
            return statement.executeUpdate();
        } catch (SQLException | RuntimeException e) {
            forget(sql);
            throw e instanceof SQLException sqlFailure ? translated(sqlFailure) : e;
        }
    }

    /** Closes the kept statements (before the connection closes). */
    void close() {
        prepared.values().forEach(JdbcStatements::closeQuietly);
        prepared.clear();
    }

    /** Runs a statement without parameters or results, such as {@code BEGIN IMMEDIATE}. */
    void execute(String sql) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private PreparedStatement prepare(String sql, Object[] params) throws SQLException {
        PreparedStatement statement = prepared.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            prepared.put(sql, statement);
        }
        try {
            statement.clearParameters();
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            forget(sql);
            throw e;
        }
    }

    private void forget(String sql) {
        PreparedStatement statement = prepared.remove(sql);
        if (statement != null) {
            closeQuietly(statement);
        }
    }

    private static void closeQuietly(PreparedStatement statement) {
        try {
            statement.close();
        } catch (SQLException e) {
            // Closing only frees the compiled statement; the connection goes on without it.
        }
    }

    /** Returns the exception to throw: a {@link UniqueViolationException} for a unique constraint, else {@code e}. */
    private static Exception translated(SQLException e) {
        if (e instanceof SQLiteException sqlite
                && (sqlite.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE
                        || sqlite.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY)) {
            return new UniqueViolationException(e.getMessage(), e);
        }
        return e;
    }
}
