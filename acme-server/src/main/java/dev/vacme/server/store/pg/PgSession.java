package dev.vacme.server.store.pg;

import dev.vacme.server.store.sql.SqlRow;
import dev.vacme.server.store.sql.SqlSession;
import dev.vacme.server.store.sql.UniqueViolationException;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs statements on a pool or on one transaction's connection as prepared statements. */
final class PgSession implements SqlSession {

    private static final String UNIQUE_VIOLATION = "23505";

    private final SqlClient client;

    PgSession(SqlClient client) {
        this.client = client;
    }

    @Override
    public Future<List<SqlRow>> query(String sql, Object... params) {
        return execute(sql, params).map(PgSession::rows);
    }

    @Override
    public Future<Integer> update(String sql, Object... params) {
        return execute(sql, params).map(RowSet::rowCount);
    }

    private Future<RowSet<Row>> execute(String sql, Object[] params) {
        return client.preparedQuery(Placeholders.numbered(sql))
                .execute(Tuple.from(params))
                .recover(PgSession::translate);
    }

    private static List<SqlRow> rows(RowSet<Row> rowSet) {
        List<SqlRow> rows = new ArrayList<>(rowSet.size());
        for (Row row : rowSet) {
            Map<String, Object> values = new HashMap<>();
            for (int i = 0; i < row.size(); i++) {
                values.put(row.getColumnName(i), row.getValue(i));
            }
            rows.add(new SqlRow(values));
        }
        return rows;
    }

    private static <T> Future<T> translate(Throwable failure) {
        if (failure instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())) {
            return Future.failedFuture(new UniqueViolationException(pg.getMessage(), pg));
        }
        return Future.failedFuture(failure);
    }
}
