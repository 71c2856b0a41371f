package dev.vacme.server.store.sql;

import dev.vacme.server.store.RevocationMark;
import dev.vacme.server.store.StoredCertificate;
import dev.vacme.server.store.StoredCrl;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** What revocation publishing keeps: the revoked certificates, each issuer's current CRL, leases. */
final class RevocationTable {

    private final SqlDatabase db;

    RevocationTable(SqlDatabase db) {
        this.db = db;
    }

    Future<RevocationMark> mark() {
        return db.query("SELECT COUNT(*) AS revoked, MAX(revoked_at) AS latest FROM certificates"
                + " WHERE revoked_at IS NOT NULL").map(rows -> {
                    SqlRow row = rows.get(0);
                    return new RevocationMark(row.longValue("revoked"), row.instant("latest"));
                });
    }

    /** Rows stored before schema version 5 have no issuer: they come along for the caller to attribute. */
    Future<List<StoredCertificate>> listRevoked(String issuerId, Instant expiringAfter) {
        return db.query("SELECT " + IssuanceTable.CERTIFICATE_COLUMNS + " FROM certificates"
                        + " WHERE revoked_at IS NOT NULL AND not_after > ? AND (issuer_id = ? OR issuer_id IS NULL)"
                        + " ORDER BY revoked_at, serial",
                Codec.millis(expiringAfter), issuerId)
                .map(rows -> rows.stream().map(IssuanceTable::certificate).toList());
    }

    Future<Optional<StoredCrl>> findCrl(String issuerId) {
        return db.query("SELECT issuer_id, crl_number, this_update, next_update, revocation_mark, der FROM crls"
                + " WHERE issuer_id = ?", issuerId).map(rows -> rows.stream().findFirst().map(row -> new StoredCrl(
                        row.string("issuer_id"), row.longValue("crl_number"), row.instant("this_update"),
                        row.instant("next_update"), row.string("revocation_mark"),
                        Base64.getDecoder().decode(row.string("der")))));
    }

    /** Inserts the first CRL of an issuer, or replaces one with a lower number: numbers only grow. */
    Future<Boolean> storeCrl(StoredCrl crl) {
        String der = Base64.getEncoder().encodeToString(crl.der());
        return db.update("INSERT INTO crls (issuer_id, crl_number, this_update, next_update, revocation_mark, der)"
                        + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                crl.issuerId(), crl.number(), Codec.millis(crl.thisUpdate()), Codec.millis(crl.nextUpdate()),
                crl.revocationMark(), der)
                .compose(inserted -> inserted == 1 ? Future.succeededFuture(1) : db.update(
                        "UPDATE crls SET crl_number = ?, this_update = ?, next_update = ?, revocation_mark = ?, der = ?"
                                + " WHERE issuer_id = ? AND crl_number < ?",
                        crl.number(), Codec.millis(crl.thisUpdate()), Codec.millis(crl.nextUpdate()),
                        crl.revocationMark(), der, crl.issuerId(), crl.number()))
                .map(n -> n == 1);
    }

    /**
     * Takes a lease that is free, expired or already held by {@code holder}. The conditional
     * update lets exactly one of several instances take an expired lease.
     */
    Future<Boolean> acquireLease(String name, String holder, Instant now, Instant until) {
        return db.update("INSERT INTO leases (name, holder, expires_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                        name, holder, Codec.millis(until))
                .compose(inserted -> inserted == 1 ? Future.succeededFuture(1) : db.update(
                        "UPDATE leases SET holder = ?, expires_at = ? WHERE name = ? AND (holder = ? OR expires_at <= ?)",
                        holder, Codec.millis(until), name, holder, Codec.millis(now)))
                .map(n -> n == 1);
    }

    Future<Void> releaseLease(String name, String holder) {
        return db.update("UPDATE leases SET expires_at = 0 WHERE name = ? AND holder = ?", name, holder).mapEmpty();
    }
}
