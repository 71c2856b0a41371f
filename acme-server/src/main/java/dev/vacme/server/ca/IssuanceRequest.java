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
 * @param profile     the profile the order chose: key usages and extended key usages
 */
public record IssuanceRequest(
        BigInteger serial,
        PublicKey subjectKey,
        List<Identifier> identifiers,
        Instant notBefore,
        Instant notAfter,
        Profile profile) {

    public IssuanceRequest {
        java.util.Objects.requireNonNull(profile, "profile");
        identifiers = List.copyOf(identifiers);
        if (serial.signum() <= 0) {
            throw new IllegalArgumentException("serial numbers must be positive (RFC 5280 §4.1.2.2)");
        }
        if (identifiers.isEmpty()) {
            throw new IllegalArgumentException("a certificate needs at least one identifier");
        }
    }

    /**
     * A request for a certificate under {@code profile} signed at {@code now}: notBefore is
     * backdated and notAfter lies the profile's validity after {@code now}.
     */
    public static IssuanceRequest at(Instant now, BigInteger serial, PublicKey subjectKey, List<Identifier> identifiers,
            Profile profile) {
        return new IssuanceRequest(serial, subjectKey, identifiers, now.minus(profile.backdate()),
                now.plus(profile.validity()), profile);
    }
}
