package dev.vacme.common.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.vacme.common.problem.Problem;
import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * An order object (RFC 8555 §7.1.3), with {@code profile} from the ACME profiles draft and
 * {@code replaces} from RFC 9773 §5.
 *
 * @param status         the order status, computed as RFC 8555 §7.1.6 describes
 * @param expires        when a pending or ready order expires
 * @param identifiers    the identifiers the certificate is for
 * @param notBefore      requested start of validity, if any
 * @param notAfter       requested end of validity, if any
 * @param error          why the order became invalid
 * @param authorizations the authorization URLs, one per identifier
 * @param finalizeUrl    where to POST the CSR ({@code finalize} on the wire; the name is
 *                       taken in Java)
 * @param certificate    the certificate URL, once {@code valid}
 * @param profile        the certificate profile chosen
 * @param replaces       the ARI identifier of the certificate this order replaces
 */
public record Order(
        OrderStatus status,
        Instant expires,
        List<Identifier> identifiers,
        Instant notBefore,
        Instant notAfter,
        Problem error,
        List<URI> authorizations,
        @JsonProperty("finalize") URI finalizeUrl,
        URI certificate,
        String profile,
        String replaces) {

    public Order {
        identifiers = identifiers == null ? null : List.copyOf(identifiers);
        authorizations = authorizations == null ? null : List.copyOf(authorizations);
    }
}
