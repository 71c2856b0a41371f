package dev.vacme.server.store;

import java.time.Instant;

/**
 * The current full CRL of one issuer (RFC 5280 §5), shared by every instance.
 *
 * @param issuerId       the key id of the issuer that signed it
 * @param number         its CRL number (RFC 5280 §5.2.3); only grows
 * @param thisUpdate     its thisUpdate
 * @param nextUpdate     its nextUpdate
 * @param revocationMark the {@link RevocationMark#token()} of the revocations it lists
 * @param der            the signed CRL, DER encoded
 */
public record StoredCrl(String issuerId, long number, Instant thisUpdate, Instant nextUpdate, String revocationMark,
        byte[] der) {

    public StoredCrl {
        der = der.clone();
    }

    @Override
    public byte[] der() {
        return der.clone();
    }
}
