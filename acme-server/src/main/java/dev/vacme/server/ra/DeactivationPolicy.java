package dev.vacme.server.ra;

import dev.vacme.server.store.StoredAccount;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to an account's certificates once the account is deactivated (RFC 8555 §7.3.6).
 * By default nothing: like Let's Encrypt, Vacme leaves them valid until they expire. With
 * {@code revoke-on-account-deactivation} they are revoked.
 *
 * <p>The deactivation itself is committed first and is never undone: a revocation that fails is
 * logged with the serials left and what to run, and the deactivation request still succeeds,
 * since the account cannot ask again.
 */
public interface DeactivationPolicy {

    /** Leaves the certificates alone (the default). */
    DeactivationPolicy KEEP_CERTIFICATES = account -> Future.succeededFuture();

    /** Runs after {@code account} was deactivated; the future never fails. */
    Future<Void> afterDeactivation(StoredAccount account);

    /**
     * Revokes the account's unexpired certificates with reason cessationOfOperation through
     * {@code revocations}, so each is audited and reaches the CRLs and OCSP like any revocation.
     */
    static DeactivationPolicy revokeCertificates(RevocationService revocations) {
        Logger log = LoggerFactory.getLogger(DeactivationPolicy.class);
        return account -> Future.<Void>succeededFuture().compose(ignored -> revocations.revokeAllOf(account))
                .<Void>map(left -> {
                    if (!left.isEmpty()) {
                        log.warn("account {} is deactivated but {} of its certificates could not be revoked ({}); "
                                + "revoke each with 'vacme-server admin revoke --serial SERIAL "
                                + "--reason cessationOfOperation'", account.id(), left.size(), String.join(", ", left));
                    }
                    return null;
                })
                .recover(failure -> {
                    log.warn("account {} is deactivated but its certificates could not be listed to revoke them "
                            + "({}); find them with 'vacme-server admin certs' and revoke each with "
                            + "'vacme-server admin revoke'", account.id(), failure.getMessage());
                    return Future.succeededFuture();
                });
    }
}
