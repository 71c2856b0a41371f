package dev.vacme.server.ra;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The registration authority's policy knobs.
 *
 * @param certificateValidity         lifetime of issued certificates
 * @param backdate                    how far notBefore lies before the moment of signing, to tolerate clock skew
 * @param orderLifetime               how long a new order stays usable
 * @param pendingAuthorizationLifetime how long a pending authorization waits for its challenge
 * @param validAuthorizationLifetime  how long a valid authorization may be reused by new orders
 * @param termsOfService              the terms new accounts must agree to, if any
 * @param ordersPerPage               how many order URLs one page of an account's orders list holds
 * @param maxIdentifiers              the most identifiers one order may hold
 * @param renewalInfoRetryAfter       the Retry-After sent with renewal information (RFC 9773 §4.3)
 */
public record RaSettings(
        Duration certificateValidity,
        Duration backdate,
        Duration orderLifetime,
        Duration pendingAuthorizationLifetime,
        Duration validAuthorizationLifetime,
        Optional<URI> termsOfService,
        int ordersPerPage,
        int maxIdentifiers,
        Duration renewalInfoRetryAfter) {

    /** The defaults, with the given certificate lifetime and terms. */
    public static RaSettings defaults(Duration certificateValidity, Optional<URI> termsOfService) {
        return new RaSettings(certificateValidity, Duration.ofHours(1), Duration.ofDays(7), Duration.ofDays(7),
                Duration.ofDays(30), termsOfService, 50, 100, Duration.ofHours(6));
    }
}
