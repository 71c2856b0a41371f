package dev.vacme.server.ra;

import dev.vacme.server.store.Store;
import dev.vacme.server.store.StoredCertificate;
import io.vertx.core.Future;

/** Certificate download (RFC 8555 §7.4.2). Certificates are public, so any valid account may fetch one. */
public final class CertificateService {

    private final Store store;

    /** Creates the service. */
    public CertificateService(Store store) {
        this.store = store;
    }

    /** Returns the certificate with the given lowercase hex serial; 404 when there is none. */
    public Future<StoredCertificate> get(String serial) {
        return store.findCertificate(serial).map(found -> found.orElseThrow(() -> NotFound.of("certificate")));
    }
}
