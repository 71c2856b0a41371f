package dev.vacme.server.store.sql;

import dev.vacme.server.store.AccountSummary;
import dev.vacme.server.store.CertificateQuery;
import dev.vacme.server.store.StoredCertificate;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Read-only queries for the operator's admin commands: listings and the integrity checks. They
 * never change anything, so they are safe while servers use the same database.
 */
final class OperatorQueries {

    private final SqlDatabase db;

    OperatorQueries(SqlDatabase db) {
        this.db = db;
    }

    /**
     * The name filter is first narrowed in SQL on the identifiers' JSON text, then matched exactly
     * on the parsed identifiers, so {@code a.test} does not match {@code aa.test}.
     */
    Future<List<StoredCertificate>> certificates(CertificateQuery query) {
        StringBuilder sql = new StringBuilder("SELECT " + IssuanceTable.CERTIFICATE_COLUMNS + " FROM certificates WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (query.notAfterBefore() != null) {
            sql.append(" AND not_after < ?");
            params.add(Codec.millis(query.notAfterBefore()));
        }
        if (query.notAfterAfter() != null) {
            sql.append(" AND not_after > ?");
            params.add(Codec.millis(query.notAfterAfter()));
        }
        if (query.accountId() != null) {
            sql.append(" AND account_id = ?");
            params.add(query.accountId());
        }
        if (query.name() != null) {
            sql.append(" AND identifiers LIKE ? ESCAPE '!'");
            params.add("%" + query.name().replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
        }
        sql.append(" ORDER BY not_after, serial");
        return db.query(sql.toString(), params.toArray()).map(rows -> rows.stream()
                .map(IssuanceTable::certificate)
                .filter(c -> query.name() == null
                        || c.identifiers().stream().anyMatch(id -> id.value().equalsIgnoreCase(query.name())))
                .toList());
    }

    Future<List<AccountSummary>> accounts() {
        return db.query("SELECT " + prefixed("a.", AccountTable.COLUMNS) + ","
                        + " (SELECT COUNT(*) FROM certificates c WHERE c.account_id = a.id) AS certificates"
                        + " FROM accounts a ORDER BY a.created_at, a.id")
                .map(rows -> rows.stream()
                        .map(row -> new AccountSummary(AccountTable.account(row), row.intValue("certificates")))
                        .toList());
    }

    /** A valid order must name a certificate that exists and belongs to it. */
    Future<List<String>> validOrdersWithoutCertificate() {
        return db.query("SELECT o.id FROM orders o LEFT JOIN certificates c"
                        + " ON c.serial = o.certificate_serial AND c.order_id = o.id"
                        + " WHERE o.status = 'valid' AND c.serial IS NULL ORDER BY o.created_at, o.id")
                .map(rows -> rows.stream().map(row -> row.string("id")).toList());
    }

    Future<List<String>> ordersWithSeveralCertificates() {
        return db.query("SELECT order_id FROM certificates GROUP BY order_id HAVING COUNT(*) > 1 ORDER BY order_id")
                .map(rows -> rows.stream().map(row -> row.string("order_id")).toList());
    }

    private static String prefixed(String prefix, String columns) {
        return String.join(", ", Arrays.stream(columns.split(",\\s*")).map(c -> prefix + c).toList());
    }
}
