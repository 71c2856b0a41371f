package dev.vacme.server.store.sql;

import dev.vacme.common.model.OrderStatus;
import dev.vacme.server.store.Replacement;
import dev.vacme.server.store.StoredAuthorization;
import dev.vacme.server.store.StoredOrder;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Orders (RFC 8555 §7.4) with their links to authorizations, and the replacement claim (RFC 9773 §5). */
final class OrderTable {

    private static final String COLUMNS = "id, account_id, status, expires_at, identifiers, not_before, not_after,"
            + " profile, replaces, error, certificate_serial, created_at";
    /** {@link #COLUMNS} of the orders table aliased {@code o}, for joins. */
    private static final String JOINED_COLUMNS = Arrays.stream(COLUMNS.split(","))
            .map(column -> "o." + column.strip())
            .collect(Collectors.joining(", "));

    private final SqlDatabase db;

    OrderTable(SqlDatabase db) {
        this.db = db;
    }

    /**
     * Claims the replaced certificate first (which also locks its row against competing claims),
     * and inserts the order, its new authorizations and its links only when the claim held.
     */
    Future<Boolean> insert(StoredOrder order, List<StoredAuthorization> newAuthorizations, Replacement replacement) {
        return db.inTransaction(tx -> claimReplacement(tx, order.id(), replacement)
                .compose(claimed -> claimed
                        ? insertAll(tx, order, newAuthorizations).map(true)
                        : Future.succeededFuture(false)));
    }

    private static Future<Boolean> claimReplacement(SqlSession tx, String orderId, Replacement replacement) {
        if (replacement == null) {
            return Future.succeededFuture(true);
        }
        return tx.update("UPDATE certificates SET replaced_by_order = ?"
                                + " WHERE serial = ? AND replaced_by_order IS NOT DISTINCT FROM ?",
                        orderId, replacement.serial(), replacement.expectedCurrentOrderId())
                .map(n -> n == 1);
    }

    private static Future<Void> insertAll(SqlSession tx, StoredOrder order, List<StoredAuthorization> newAuthorizations) {
        List<String> links = order.authorizationIds();
        return tx.update("INSERT INTO orders (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        order.id(), order.accountId(), order.status().wireName(), Codec.millis(order.expires()),
                        Codec.json(order.identifiers()), Codec.millis(order.notBefore()), Codec.millis(order.notAfter()),
                        order.profile(), order.replaces(), Codec.json(order.error()), order.certificateSerial(),
                        Codec.millis(order.createdAt()))
                .compose(n -> Futures.each(newAuthorizations, authorization -> AuthorizationTable.insert(tx, authorization)))
                .compose(v -> Futures.each(IntStream.range(0, links.size()).boxed().toList(),
                        i -> tx.update("INSERT INTO order_authorizations (order_id, ordinal, authorization_id) VALUES (?, ?, ?)",
                                order.id(), i, links.get(i))));
    }

    /** Reads the order and its links; the links never change after the order's insert, so two reads suffice. */
    /** Reads the order and its authorization links in one statement, one row per link. */
    Future<Optional<StoredOrder>> find(String id) {
        return db.query("SELECT " + JOINED_COLUMNS + ", oa.authorization_id FROM orders o"
                        + " LEFT JOIN order_authorizations oa ON oa.order_id = o.id WHERE o.id = ? ORDER BY oa.ordinal", id)
                .map(rows -> rows.isEmpty() ? Optional.empty() : Optional.of(order(rows.get(0), rows.stream()
                        .map(row -> row.string("authorization_id"))
                        .filter(Objects::nonNull)
                        .toList())));
    }

    /**
     * Lists the account's orders that are not invalid as a client sees them: stored invalid, or
     * stored pending but expired or with an authorization that failed, was deactivated or expired
     * (the SQL form of the status rules of RFC 8555 §7.1.6).
     */
    Future<List<String>> listIds(String accountId, int offset, int limit, Instant now) {
        if (offset < 0 || limit < 0) {
            return Future.failedFuture(new IllegalArgumentException("offset and limit must not be negative"));
        }
        return db.query("SELECT o.id FROM orders o WHERE o.account_id = ? AND o.status <> 'invalid'"
                                + " AND NOT (o.status = 'pending' AND (o.expires_at <= ? OR EXISTS ("
                                + "SELECT 1 FROM order_authorizations oa JOIN authorizations a ON a.id = oa.authorization_id"
                                + " WHERE oa.order_id = o.id AND (a.status NOT IN ('pending', 'valid') OR a.expires_at <= ?))))"
                                + " ORDER BY o.created_at, o.id LIMIT ? OFFSET ?",
                        accountId, Codec.millis(now), Codec.millis(now), (long) limit, (long) offset)
                .map(rows -> rows.stream().map(row -> row.string("id")).toList());
    }

    /** The account's order creation times at or after {@code since}, oldest first (index orders_by_account). */
    Future<List<Instant>> creationTimes(String accountId, Instant since, int limit) {
        return db.query("SELECT created_at FROM orders WHERE account_id = ? AND created_at >= ?"
                        + " ORDER BY created_at LIMIT ?", accountId, Codec.millis(since), (long) limit)
                .map(rows -> rows.stream().map(row -> row.instant("created_at")).toList());
    }

    private static StoredOrder order(SqlRow row, List<String> authorizationIds) {
        return new StoredOrder(
                row.string("id"),
                row.string("account_id"),
                OrderStatus.parse(row.string("status")),
                row.instant("expires_at"),
                Codec.identifiers(row.string("identifiers")),
                row.instant("not_before"),
                row.instant("not_after"),
                row.string("profile"),
                row.string("replaces"),
                authorizationIds,
                Codec.problem(row.string("error")),
                row.string("certificate_serial"),
                row.instant("created_at"));
    }
}
