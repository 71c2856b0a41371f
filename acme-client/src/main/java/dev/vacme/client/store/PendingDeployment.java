package dev.vacme.client.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A deployment that failed and was rolled back: the lineage's version {@code version} is current
 * but not (known to be) served. The next {@code vacme renew}, due or not, retries it; {@code vacme
 * verify} reports it. Kept in {@code [deployment]} of {@code renewal/NAME.conf}.
 *
 * @param version the lineage version that should be installed
 * @param failure what failed, as reported to the operator
 * @param since   when it first failed
 */
public record PendingDeployment(int version, String failure, Instant since) {

    public PendingDeployment {
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(since, "since");
    }
}
