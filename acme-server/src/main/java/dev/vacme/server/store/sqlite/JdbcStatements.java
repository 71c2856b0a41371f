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
import java.util.List;
import java.util.Map;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Runs statements on one JDBC connection, synchronously; only ever called on the SQLite worker thread. */
final class JdbcStatements {

    private final Connection connection;

    JdbcStatements(Connection connection) {
        this.connection = connection;
    }

    List<SqlRow> query(String sql, Object[] params) throws Exception {
        try (PreparedStatement statement = prepare(sql, params); ResultSet results = statement.executeQuery()) {
            ResultSetMetaData meta = results.getMetaData();
            List<SqlRow> rows = new ArrayList<>();
            while (results.next()) {
                Map<String, Object> values = new HashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    values.put(meta.getColumnLabel(i), results.getObject(i));
                }
                rows.add(new SqlRow(values));
            }
            return rows;
        } catch (SQLException e) {
            throw translated(e);
        }
    }

    int update(String sql, Object[] params) throws Exception {
        try (PreparedStatement statement = prepare(sql, params)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw translated(e);
        }
    }

    /** Runs a statement without parameters or results, such as {@code BEGIN IMMEDIATE}. */
    void execute(String sql) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private PreparedStatement prepare(String sql, Object[] params) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
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
