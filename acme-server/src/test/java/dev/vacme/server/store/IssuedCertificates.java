package dev.vacme.server.store;

import static dev.vacme.server.store.StoreFixtures.account;
import static dev.vacme.server.store.StoreFixtures.at;
import static dev.vacme.server.store.StoreFixtures.authorization;
import static dev.vacme.server.store.StoreFixtures.await;
import static dev.vacme.server.store.StoreFixtures.order;

import dev.vacme.common.model.AuthorizationStatus;
import dev.vacme.common.model.Identifier;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Stores certificates through the issuance path (account, order, serial, completion), for tests outside this package. */
public final class IssuedCertificates {

    private IssuedCertificates() {
    }

    /**
     * Stores a certificate as the issuance path does, with its own account and order.
     *
     * @param issuerId the issuer's key id, or null for a row as stored before schema version 5
     */
    public static void store(Store store, String serial, String chainPem, Instant notBefore, Instant notAfter,
            String issuerId) {
        store(store, "acct-x" + serial, serial, chainPem, notBefore, notAfter, issuerId);
    }

    /**
     * Stores a certificate as the issuance path does, ordered by {@code accountId} (created when
     * absent, valid), with its own order.
     *
     * @param issuerId the issuer's key id, or null for a row as stored before schema version 5
     */
    public static void store(Store store, String accountId, String serial, String chainPem, Instant notBefore,
            Instant notAfter, String issuerId) {
        String id = "x" + serial;
        await(store.insertAccountIfAbsent(account(accountId, "key-" + accountId)));
        StoredAuthorization valid = authorization("authz-" + id, accountId, Identifier.dns(id + ".test"), false,
                AuthorizationStatus.VALID, at(Duration.ofDays(3650)));
        StoredOrder order = order("order-" + id, accountId, List.of(valid));
        await(store.insertOrder(order, List.of(valid), null));
        await(store.beginProcessing(order.id(), StoreFixtures.T0));
        await(store.reserveSerial(serial, order.id(), StoreFixtures.T0));
        await(store.completeOrder(order.id(), new StoredCertificate(serial, accountId, order.id(),
                List.of(Identifier.dns(id + ".test")), chainPem, notBefore, notAfter, notBefore, null, null, null,
                issuerId)));
    }

    /** The instant the stored fixtures are made at. */
    public static Instant t0() {
        return StoreFixtures.T0;
    }
}
