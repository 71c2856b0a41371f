package dev.vacme.server.ca;

import java.time.Instant;

/** A certificate's status as an OCSP response states it (RFC 6960 §2.2, CertStatus of §4.2.1). */
public sealed interface OcspStatus {

    /** Issued by this CA and not revoked. */
    record Good() implements OcspStatus {
    }

    /**
     * Revoked.
     *
     * @param revokedAt when
     * @param reason    the RFC 5280 reason code; 0 (unspecified) is left out, as on the CRL
     */
    record Revoked(Instant revokedAt, int reason) implements OcspStatus {
    }

    /** Not issued by this issuer as far as the responder knows. */
    record Unknown() implements OcspStatus {
    }

    /** The name of the status, as openssl prints it and metrics count it. */
    default String label() {
        return this instanceof Good ? "good" : this instanceof Revoked ? "revoked" : "unknown";
    }
}
