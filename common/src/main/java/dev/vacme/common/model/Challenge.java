package dev.vacme.common.model;

import dev.vacme.common.problem.Problem;
import java.net.URI;
import java.time.Instant;

/**
 * A challenge object (RFC 8555 §7.1.5, §8).
 *
 * @param type      the challenge type, e.g. {@code http-01}; kept as a string so that types this
 *                  version does not know still round-trip
 * @param url       the URL to POST to in order to respond
 * @param status    the challenge status
 * @param validated when the server validated it (present when {@code valid})
 * @param error     why validation failed, if it did
 * @param token     the token for token-based challenges (§8.3, §8.4)
 */
public record Challenge(
        String type,
        URI url,
        ChallengeStatus status,
        Instant validated,
        Problem error,
        String token) {

    /** The HTTP-01 challenge type (RFC 8555 §8.3). */
    public static final String HTTP_01 = "http-01";
    /** The DNS-01 challenge type (RFC 8555 §8.4). */
    public static final String DNS_01 = "dns-01";
    /** The TLS-ALPN-01 challenge type (RFC 8737). */
    public static final String TLS_ALPN_01 = "tls-alpn-01";
}
