package dev.vacme.server.ca.status;

import dev.vacme.common.pki.Pem;
import dev.vacme.server.ca.IssuerIds;
import dev.vacme.server.ca.Issuers;
import dev.vacme.server.store.StoredCertificate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Says which issuer signed a stored certificate. Certificates stored since schema version 5 carry
 * their issuer's key id; older ones carry none, and were all signed by the CA's original
 * intermediate: for those the stored leaf's signature is checked against each issuer, once per
 * certificate. Checking a signature is blocking work: call {@link #issuerId} on a worker.
 */
public final class IssuerAttribution {

    private final Supplier<Issuers> issuers;
    private final Map<String, Optional<String>> legacy = new ConcurrentHashMap<>();

    /** Attributes certificates to these issuers. */
    public IssuerAttribution(Supplier<Issuers> issuers) {
        this.issuers = issuers;
    }

    /** Returns the key id of the issuer that signed the certificate, or empty when none of ours did. */
    public Optional<String> issuerId(StoredCertificate certificate) {
        if (certificate.issuerId() != null) {
            return Optional.of(certificate.issuerId());
        }
        return legacy.computeIfAbsent(certificate.serial(), serial -> bySignature(certificate));
    }

    private Optional<String> bySignature(StoredCertificate certificate) {
        try {
            return issuers.get().issuerOf(Pem.readCertificate(certificate.chainPem())).map(source -> IssuerIds.of(source.issuer()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
