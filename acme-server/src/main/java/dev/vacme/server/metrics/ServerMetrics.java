package dev.vacme.server.metrics;

/**
 * What the server counts and times, in its own words: the web front end, the store and the
 * registration authority's events report here, and only the implementation knows Micrometer.
 * {@link #NONE} is used when no admin listener serves {@code /metrics}.
 */
public interface ServerMetrics {

    /** Counts and times nothing. */
    ServerMetrics NONE = new ServerMetrics() {
    };

    /**
     * One HTTP request answered.
     *
     * @param route  the route template, e.g. {@code /acme/order/:id} (never the raw path, so that
     *               the number of series stays bounded), or {@code unmatched}
     * @param method the HTTP method
     * @param status the response status
     * @param nanos  how long it took
     */
    default void request(String route, String method, int status, long nanos) {
    }

    /** One store operation finished, {@code ok} false when its future failed. */
    default void storeOperation(String operation, boolean ok, long nanos) {
    }

    /** One nonce presented by a client: accepted, or refused as unknown, expired or used. */
    default void nonceRedeemed(boolean accepted) {
    }

    /** How late an event loop ran a task scheduled on it: a busy or blocked loop runs late. */
    default void eventLoopDelay(long nanos) {
    }

    /** A new account was created. */
    default void accountCreated() {
    }

    /** A new order was created. */
    default void orderCreated() {
    }

    /** A validation finished, {@code outcome} being {@code valid} or the problem type's short name. */
    default void validation(String challengeType, String outcome) {
    }

    /** A certificate was issued. */
    default void certificateIssued() {
    }

    /** A certificate was revoked with the RFC 5280 reason code. */
    default void certificateRevoked(int reason) {
    }

    /** A CRL was generated and stored (RFC 5280 §5). */
    default void crlGenerated() {
    }

    /**
     * An OCSP request answered (RFC 6960), {@code status} being {@code good}, {@code revoked},
     * {@code unknown} or the error response's name ({@code malformedRequest}, {@code unauthorized},
     * {@code tryLater}, {@code internalError}).
     */
    default void ocspAnswered(String status) {
    }
}
