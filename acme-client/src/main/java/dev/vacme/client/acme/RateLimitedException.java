package dev.vacme.client.acme;

import dev.vacme.common.problem.Problem;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The server refused a request because a rate limit was hit (RFC 8555 §6.6); carries the time
 * after which the server says to retry, when it sent {@code Retry-After}, and the pages that
 * explain the limit, when it sent {@code Link: <...>;rel="help"} (as §6.6 suggests).
 */
public class RateLimitedException extends AcmeProblemException {

    private final Instant retryAfter;
    private final List<URI> help;

    /** Creates the exception; {@code retryAfter} may be null. */
    public RateLimitedException(Problem problem, URI requestUrl, Instant retryAfter, List<URI> help) {
        super(problem, requestUrl);
        this.retryAfter = retryAfter;
        this.help = List.copyOf(help);
    }

    /** Returns when the server says the request may be retried. */
    public Optional<Instant> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** Returns the pages the server links as help about the limit. */
    public List<URI> help() {
        return help;
    }

    @Override
    public String getMessage() {
        return super.getMessage() + (retryAfter == null ? "" : " (retry after " + retryAfter + ")")
                + (help.isEmpty() ? "" : "; see " + help.stream().map(URI::toString).collect(Collectors.joining(", ")));
    }
}
