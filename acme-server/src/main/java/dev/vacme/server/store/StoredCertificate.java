package dev.vacme.server.store;

import dev.vacme.common.model.Identifier;
import java.time.Instant;
import java.util.List;

/**
 * An issued certificate as the server stores it.
 *
 * @param serial            the serial number as lowercase hex without leading zeros; unique, and the
 *                          last path segment of the certificate URL
 * @param accountId         the account that ordered it
 * @param orderId           the order it finalized
 * @param identifiers       the identifiers it certifies
 * @param chainPem          the PEM chain served to clients: leaf first, then the intermediate
 * @param notBefore         the certificate's notBefore
 * @param notAfter          the certificate's notAfter
 * @param issuedAt          when it was issued
 * @param revokedAt         when it was revoked, or null
 * @param revocationReason  the RFC 5280 reason code it was revoked with, or null
 * @param replacedByOrderId the order that claimed to replace it (RFC 9773 §5), or null
 * @param issuerId          the key id ({@code IssuerIds}) of the intermediate that signed it, or null
 *                          for certificates stored before schema version 5, which the CA's original
 *                          intermediate signed
 */
public record StoredCertificate(
        String serial,
        String accountId,
        String orderId,
        List<Identifier> identifiers,
        String chainPem,
        Instant notBefore,
        Instant notAfter,
        Instant issuedAt,
        Instant revokedAt,
        Integer revocationReason,
        String replacedByOrderId,
        String issuerId) {

    public StoredCertificate {
        identifiers = List.copyOf(identifiers);
    }

    /** Returns true when the certificate has been revoked. */
    public boolean isRevoked() {
        return revokedAt != null;
    }
}
