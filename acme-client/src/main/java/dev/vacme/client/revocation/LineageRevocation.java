package dev.vacme.client.revocation;

import dev.vacme.client.ErrorText;
import dev.vacme.client.store.ConfigLock;
import dev.vacme.client.store.LineageFiles;
import dev.vacme.client.store.LineageStore;
import dev.vacme.client.store.RenewalConf;
import dev.vacme.client.store.StoreException;
import dev.vacme.common.pki.Pem;
import dev.vacme.common.pki.PkiException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Checks the live certificate of a lineage with its CA ({@link RevocationChecker}) and, when the
 * CA says it is revoked, records that in the lineage as {@code vacme revoke} does, so that the next
 * {@code renew} replaces it. Used by {@code certificates}, {@code renew} and {@code verify} with
 * {@code --check-revocation}.
 */
public final class LineageRevocation {

    private final LineageStore store;
    private final RevocationChecker checker;
    private final Consumer<String> warnings;
    private final String vacmeVersion;

    /** Creates the check; {@code warnings} receives what stops a revocation from being recorded. */
    public LineageRevocation(LineageStore store, RevocationChecker checker, Consumer<String> warnings,
            String vacmeVersion) {
        this.store = store;
        this.checker = checker;
        this.warnings = warnings;
        this.vacmeVersion = vacmeVersion;
    }

    /**
     * Checks one lineage at {@code now}. There is nothing to ask (empty) when it has no live
     * certificate, the certificate has expired (a CA may drop expired certificates from its CRL
     * and OCSP), or it is already recorded as revoked.
     *
     * @throws StoreException when the lineage cannot be read
     */
    public Optional<RevocationStatus> check(String name, Instant now) {
        RenewalConf conf = store.readConf(name);
        if (conf.certificate() == null || conf.certificate().revoked()
                || !now.isBefore(conf.certificate().notAfter())) {
            return Optional.empty();
        }
        X509Certificate leaf;
        X509Certificate issuer;
        try {
            leaf = Pem.readCertificate(store.readLive(name, LineageFiles.CERT));
            List<X509Certificate> chain = Pem.readCertificates(store.readLive(name, LineageFiles.CHAIN));
            if (chain.isEmpty()) {
                return Optional.of(RevocationStatus.unknown(store.liveFiles(name).chain() + " holds no issuer"
                        + " certificate"));
            }
            issuer = chain.get(0);
        } catch (PkiException e) {
            return Optional.of(RevocationStatus.unknown("cannot read the live certificate: " + ErrorText.of(e)));
        }
        RevocationStatus status = checker.check(leaf, issuer);
        if (status.state() == RevocationStatus.State.REVOKED) {
            record(name, leaf, status);
        }
        return Optional.of(status);
    }

    private void record(String name, X509Certificate leaf, RevocationStatus status) {
        Optional<ConfigLock> lock = ConfigLock.tryAcquire(store.layout());
        if (lock.isEmpty()) {
            warnings.accept("cannot record that " + name + " is revoked: another vacme run holds the lock on "
                    + store.layout().root() + "; the next check records it");
            return;
        }
        try {
            store.recordRevocation(name, leaf, status.revocation(), vacmeVersion);
        } catch (StoreException e) {
            warnings.accept("cannot record that " + name + " is revoked: " + ErrorText.of(e));
        } finally {
            lock.get().close();
        }
    }
}
