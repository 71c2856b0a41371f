package dev.vacme.server.ra;

import dev.vacme.common.pki.Pem;
import dev.vacme.common.pki.PkiException;
import dev.vacme.server.ca.Issuers;
import dev.vacme.server.store.Store;
import dev.vacme.server.store.StoredCertificate;
import io.vertx.core.Future;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Certificate download (RFC 8555 §7.4.2). Certificates are public, so any valid account may fetch
 * one. Besides the chain stored at issuance (number 0), a certificate has one alternate chain per
 * other certificate of its intermediate, e.g. one from a cross-signing root (numbers 1, 2, ...).
 */
public final class CertificateService {

    private final Store store;
    private final Supplier<Issuers> issuers;

    /** Creates the service for a CA without alternate chains. */
    public CertificateService(Store store) {
        this(store, null);
    }

    /**
     * Creates the service.
     *
     * @param issuers the CA's issuers as they are at each request, for their alternate chains
     */
    public CertificateService(Store store, Supplier<Issuers> issuers) {
        this.store = store;
        this.issuers = issuers;
    }

    /** Returns the certificate with the given lowercase hex serial; 404 when there is none. */
    public Future<StoredCertificate> get(String serial) {
        return store.findCertificate(serial).map(found -> found.orElseThrow(() -> NotFound.of("certificate")));
    }

    /**
     * Returns every chain of the certificate with the given serial as PEM, leaf first: the one
     * stored at issuance, then the alternates. 404 when there is no such certificate, or no chain
     * numbered {@code wanted} (negative for a chain number that is not one).
     */
    public Future<List<String>> chains(String serial, int wanted) {
        return get(serial).map(certificate -> {
            List<String> chains = chains(certificate);
            if (wanted < 0 || wanted >= chains.size()) {
                throw NotFound.of("certificate chain");
            }
            return chains;
        });
    }

    private List<String> chains(StoredCertificate certificate) {
        List<String> chains = new ArrayList<>();
        chains.add(certificate.chainPem());
        Issuers current = issuers == null ? null : issuers.get();
        if (current == null || current.all().stream().allMatch(issuer -> current.alternateChains(issuer).isEmpty())) {
            // Nothing to add: skip parsing the leaf and verifying its signature against each issuer,
            // which cost more than the rest of the download.
            return chains;
        }
        X509Certificate leaf;
        try {
            leaf = Pem.readCertificate(certificate.chainPem());
        } catch (PkiException e) {
            return chains;
        }
        current.issuerOf(leaf).ifPresent(issuer -> current.alternateChains(issuer).forEach(alternate -> {
            List<X509Certificate> chain = new ArrayList<>();
            chain.add(leaf);
            chain.addAll(alternate);
            chains.add(Pem.encodeCertificates(chain));
        }));
        return chains;
    }
}
