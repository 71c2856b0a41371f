package dev.vacme.common.model;

import java.time.Instant;
import java.util.List;

/**
 * The payload of a newOrder request (RFC 8555 §7.4), with the profiles draft's {@code profile}
 * and RFC 9773 §5's {@code replaces}.
 *
 * @param identifiers the identifiers to certify
 * @param notBefore   requested start of validity, optional
 * @param notAfter    requested end of validity, optional
 * @param profile     requested certificate profile, optional
 * @param replaces    ARI identifier of the certificate being replaced, optional
 */
public record NewOrderRequest(
        List<Identifier> identifiers,
        Instant notBefore,
        Instant notAfter,
        String profile,
        String replaces) {

    public NewOrderRequest {
        identifiers = identifiers == null ? null : List.copyOf(identifiers);
    }
}
