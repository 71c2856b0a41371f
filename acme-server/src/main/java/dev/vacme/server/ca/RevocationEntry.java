package dev.vacme.server.ca;

import java.math.BigInteger;
import java.time.Instant;

/**
 * One revoked certificate as a CRL lists it (RFC 5280 §5.3).
 *
 * @param serial    the certificate's serial number
 * @param revokedAt when it was revoked
 * @param reason    the RFC 5280 §5.3.1 reason code; 0 (unspecified) is left out of the encoding
 */
public record RevocationEntry(BigInteger serial, Instant revokedAt, int reason) {
}
