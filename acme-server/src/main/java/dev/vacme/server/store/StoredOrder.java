package dev.vacme.server.store;

import dev.vacme.common.model.Identifier;
import dev.vacme.common.model.OrderStatus;
import dev.vacme.common.problem.Problem;
import java.time.Instant;
import java.util.List;

/**
 * An order as the server stores it. The stored status is {@code PENDING}, {@code PROCESSING},
 * {@code VALID} or {@code INVALID}; {@code READY}, and {@code INVALID} caused by an expired order or
 * a failed authorization, are derived from the authorizations when the order is read (RFC 8555
 * §7.1.6), so a validation never has to update every order that shares the authorization.
 *
 * @param id                the random order id
 * @param accountId         the owning account
 * @param status            the stored status
 * @param expires           when the order expires if not finalized
 * @param identifiers       the identifiers, in the order the client sent them
 * @param notBefore         requested notBefore, or null
 * @param notAfter          requested notAfter, or null
 * @param profile           the certificate profile, or null
 * @param replaces          the ARI certificate id this order replaces (RFC 9773 §5), or null
 * @param authorizationIds  the authorization ids, one per identifier, in identifier order
 * @param error             why the order became invalid, or null
 * @param certificateSerial the issued certificate's serial (lowercase hex), or null
 * @param createdAt         when it was created
 */
public record StoredOrder(
        String id,
        String accountId,
        OrderStatus status,
        Instant expires,
        List<Identifier> identifiers,
        Instant notBefore,
        Instant notAfter,
        String profile,
        String replaces,
        List<String> authorizationIds,
        Problem error,
        String certificateSerial,
        Instant createdAt) {

    public StoredOrder {
        identifiers = List.copyOf(identifiers);
        authorizationIds = List.copyOf(authorizationIds);
    }
}
