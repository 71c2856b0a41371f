package dev.vacme.server.store.sql;

import dev.vacme.common.model.OrderStatus;
import dev.vacme.common.problem.Problem;
import dev.vacme.server.store.StateConflictException;
import dev.vacme.server.store.StoredCertificate;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Issuance: the finalize fence, serials, certificates and revocation (RFC 8555 §7.4, §7.6). */
final class IssuanceTable {

    static final String CERTIFICATE_COLUMNS = "serial, account_id, order_id, identifiers, chain_pem, not_before,"
            + " not_after, issued_at, revoked_at, revocation_reason, replaced_by_order, issuer_id";

    private final SqlDatabase db;

    IssuanceTable(SqlDatabase db) {
        this.db = db;
    }

    /**
     * The row-level check on {@code status} lets exactly one of many concurrent callers change it;
     * the authorizations are checked in the same statement, so one deactivated or expiring just
     * before the fence cannot slip through.
     */
    Future<Boolean> beginProcessing(String orderId, Instant now) {
        return db.update("UPDATE orders SET status = 'processing', processing_since = ?"
                        + " WHERE id = ? AND status = 'pending' AND expires_at > ?"
                        + " AND NOT EXISTS (SELECT 1 FROM order_authorizations oa"
                        + " JOIN authorizations a ON a.id = oa.authorization_id"
                        + " WHERE oa.order_id = orders.id AND (a.status <> 'valid' OR a.expires_at <= ?))",
                Codec.millis(now), orderId, Codec.millis(now), Codec.millis(now)).map(n -> n == 1);
    }

    Future<Boolean> reserveSerial(String serial, String orderId, Instant now) {
        return db.update("INSERT INTO serials (serial, order_id, reserved_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                serial, orderId, Codec.millis(now)).map(n -> n == 1);
    }

    Future<Void> completeOrder(String orderId, StoredCertificate certificate) {
        if (!orderId.equals(certificate.orderId())) {
            return Future.failedFuture(new IllegalArgumentException(
                    "certificate " + certificate.serial() + " belongs to order " + certificate.orderId() + ", not " + orderId));
        }
        return db.inDurableTransaction(tx -> tx.update("UPDATE orders SET status = ?, certificate_serial = ?"
                                + " WHERE id = ? AND status = 'processing'",
                        OrderStatus.VALID.wireName(), certificate.serial(), orderId)
                .compose(n -> n == 0 ? notProcessing(orderId) : insertCertificate(tx, certificate)));
    }

    private static Future<Void> insertCertificate(SqlSession tx, StoredCertificate c) {
        return tx.update("INSERT INTO certificates (" + CERTIFICATE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                c.serial(), c.accountId(), c.orderId(), Codec.json(c.identifiers()), c.chainPem(),
                Codec.millis(c.notBefore()), Codec.millis(c.notAfter()), Codec.millis(c.issuedAt()),
                Codec.millis(c.revokedAt()), c.revocationReason(), c.replacedByOrderId(), c.issuerId()).mapEmpty();
    }

    Future<Void> failOrder(String orderId, Problem error) {
        return db.update("UPDATE orders SET status = ?, error = ? WHERE id = ? AND status = 'processing'",
                        OrderStatus.INVALID.wireName(), Codec.json(error), orderId)
                .compose(n -> n == 0 ? notProcessing(orderId) : Future.succeededFuture());
    }

    Future<List<String>> findStaleProcessingOrderIds(Instant processingBefore) {
        return db.query("SELECT id FROM orders WHERE status = 'processing'"
                        + " AND (processing_since IS NULL OR processing_since < ?) ORDER BY created_at, id",
                        Codec.millis(processingBefore))
                .map(rows -> rows.stream().map(row -> row.string("id")).toList());
    }

    Future<Optional<StoredCertificate>> findCertificate(String serial) {
        return db.query("SELECT " + CERTIFICATE_COLUMNS + " FROM certificates WHERE serial = ?", serial)
                .map(rows -> rows.stream().findFirst().map(IssuanceTable::certificate));
    }

    Future<Boolean> revoke(String serial, int reason, Instant revokedAt) {
        return db.inDurableTransaction(tx -> tx.update(
                "UPDATE certificates SET revoked_at = ?, revocation_reason = ? WHERE serial = ? AND revoked_at IS NULL",
                Codec.millis(revokedAt), reason, serial)).map(n -> n == 1);
    }

    private static <T> Future<T> notProcessing(String orderId) {
        return Future.failedFuture(new StateConflictException("order " + orderId + " is not processing"));
    }

    static StoredCertificate certificate(SqlRow row) {
        return new StoredCertificate(
                row.string("serial"),
                row.string("account_id"),
                row.string("order_id"),
                Codec.identifiers(row.string("identifiers")),
                row.string("chain_pem"),
                row.instant("not_before"),
                row.instant("not_after"),
                row.instant("issued_at"),
                row.instant("revoked_at"),
                row.intValue("revocation_reason"),
                row.string("replaced_by_order"),
                row.string("issuer_id"));
    }
}
