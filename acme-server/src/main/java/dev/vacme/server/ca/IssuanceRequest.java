package dev.vacme.server.ca;

import dev.vacme.common.model.Identifier;
import java.math.BigInteger;
import java.security.PublicKey;
import java.time.Instant;
import java.util.List;

/**
 * What to put in an end-entity certificate. Everything in it has been checked already.
 *
 * @param serial      the positive serial number, already reserved in the store
 * @param subjectKey  the subject's public key from the CSR
 * @param identifiers the DNS names and IP addresses for the subjectAltName extension
 * @param notBefore   the start of validity (already backdated)
 * @param notAfter    the end of validity
 */
public record IssuanceRequest(
        BigInteger serial,
        PublicKey subjectKey,
        List<Identifier> identifiers,
        Instant notBefore,
        Instant notAfter) {

    public IssuanceRequest {
        identifiers = List.copyOf(identifiers);
        if (serial.signum() <= 0) {
            throw new IllegalArgumentException("serial numbers must be positive (RFC 5280 §4.1.2.2)");
        }
        if (identifiers.isEmpty()) {
            throw new IllegalArgumentException("a certificate needs at least one identifier");
        }
    }
}
