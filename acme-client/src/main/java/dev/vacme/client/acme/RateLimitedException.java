package dev.vacme.client.acme;

import dev.vacme.common.problem.Problem;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/**
 * The server refused a request because a rate limit was hit (RFC 8555 §6.6); carries the time
 * after which the server says to retry, when it sent {@code Retry-After}.
 */
public class RateLimitedException extends AcmeProblemException {

    private final Instant retryAfter;

    /** Creates the exception; {@code retryAfter} may be null. */
    public RateLimitedException(Problem problem, URI requestUrl, Instant retryAfter) {
        super(problem, requestUrl);
        this.retryAfter = retryAfter;
    }

    /** Returns when the server says the request may be retried. */
    public Optional<Instant> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    @Override
    public String getMessage() {
        return super.getMessage() + (retryAfter == null ? "" : " (retry after " + retryAfter + ")");
    }
}
