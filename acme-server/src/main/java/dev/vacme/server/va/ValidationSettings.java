package dev.vacme.server.va;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How the validation authority reaches the holders of identifiers. Built once at start-up from
 * the server options; every component validates its piece, so a bad value stops start-up with an
 * {@link IllegalArgumentException} naming the value and the expected form.
 *
 * @param http01Port      the port HTTP-01 connects to (RFC 8555 §8.3 says 80; {@code --http01-port})
 * @param hostOverrides   static name overrides, consulted before DNS ({@code --resolve})
 * @param dnsResolver     the DNS server to ask instead of the system resolver ({@code --dns-resolver})
 * @param allowedNetworks special-purpose networks validation may connect to after all
 *                        ({@code --allow-validation-to}); see {@link AddressPolicy}
 * @param timeout         how long one validation may take, from its start to its outcome
 * @param maxInFlight     how many validations run at once; more wait in a queue
 * @param maxRedirects    how many redirects HTTP-01 follows before giving up
 * @param maxBodyBytes    how much of a challenge response body is read; a longer body fails
 * @param tlsAlpn01Port   the port TLS-ALPN-01 connects to (RFC 8737 §3 says 443; {@code --tls-alpn01-port})
 * @param maxPerHost      how many validations of one target (the identifier's name or address) run at
 *                        once; more wait ({@code --max-validations-per-host})
 */
public record ValidationSettings(
        int http01Port,
        List<HostOverride> hostOverrides,
        Optional<DnsServer> dnsResolver,
        List<Cidr> allowedNetworks,
        Duration timeout,
        int maxInFlight,
        int maxRedirects,
        int maxBodyBytes,
        int tlsAlpn01Port,
        int maxPerHost) {

    /** The TLS-ALPN-01 port of RFC 8737 §3. */
    public static final int DEFAULT_TLS_ALPN01_PORT = 443;
    /** The HTTP-01 port of RFC 8555 §8.3. */
    public static final int DEFAULT_HTTP01_PORT = 80;
    /** The default time one validation may take. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** The default number of validations in flight. */
    public static final int DEFAULT_MAX_IN_FLIGHT = 32;
    /** The default number of validations of one target in flight: a quarter of the default slots. */
    public static final int DEFAULT_MAX_PER_HOST = 8;
    /** The default redirect limit, as Boulder's. */
    public static final int DEFAULT_MAX_REDIRECTS = 10;
    /** The default body limit: a key authorization is 87 characters, so this leaves room for whitespace. */
    public static final int DEFAULT_MAX_BODY_BYTES = 1024;

    /** The largest body limit accepted: the body is held in memory and quoted in problem details. */
    static final int MAX_BODY_LIMIT = 64 * 1024;

    public ValidationSettings {
        requirePort("HTTP-01", http01Port);
        requirePort("TLS-ALPN-01", tlsAlpn01Port);
        hostOverrides = List.copyOf(require(hostOverrides, "hostOverrides"));
        dnsResolver = require(dnsResolver, "dnsResolver");
        allowedNetworks = List.copyOf(require(allowedNetworks, "allowedNetworks"));
        require(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() < 1) {
            throw new IllegalArgumentException("validation timeout " + timeout + " must be at least 1 ms");
        }
        requireRange("maximum validations in flight", maxInFlight, 1, 100_000);
        requireRange("maximum validations per host", maxPerHost, 1, 100_000);
        requireRange("maximum redirects", maxRedirects, 0, 100);
        requireRange("maximum body size", maxBodyBytes, 1, MAX_BODY_LIMIT);
    }

    /** The defaults: port 80, system resolver, no overrides, no special-purpose networks allowed. */
    public static ValidationSettings defaults() {
        return new ValidationSettings(DEFAULT_HTTP01_PORT, List.of(), Optional.empty(), List.of(), DEFAULT_TIMEOUT,
                DEFAULT_MAX_IN_FLIGHT, DEFAULT_MAX_REDIRECTS, DEFAULT_MAX_BODY_BYTES, DEFAULT_TLS_ALPN01_PORT,
                DEFAULT_MAX_PER_HOST);
    }

    /** Returns a copy with another TLS-ALPN-01 port. */
    public ValidationSettings withTlsAlpn01Port(int port) {
        return new ValidationSettings(http01Port, hostOverrides, dnsResolver, allowedNetworks, timeout, maxInFlight,
                maxRedirects, maxBodyBytes, port, maxPerHost);
    }

    /** Returns a copy with another HTTP-01 port. */
    public ValidationSettings withHttp01Port(int port) {
        return new ValidationSettings(port, hostOverrides, dnsResolver, allowedNetworks, timeout, maxInFlight,
                maxRedirects, maxBodyBytes, tlsAlpn01Port, maxPerHost);
    }

    /** Returns a copy with other host overrides. */
    public ValidationSettings withHostOverrides(List<HostOverride> overrides) {
        return new ValidationSettings(http01Port, overrides, dnsResolver, allowedNetworks, timeout, maxInFlight,
                maxRedirects, maxBodyBytes, tlsAlpn01Port, maxPerHost);
    }

    /** Returns a copy with another DNS resolver (empty: the system resolver). */
    public ValidationSettings withDnsResolver(Optional<DnsServer> resolver) {
        return new ValidationSettings(http01Port, hostOverrides, resolver, allowedNetworks, timeout, maxInFlight,
                maxRedirects, maxBodyBytes, tlsAlpn01Port, maxPerHost);
    }

    /** Returns a copy with other allowed networks. */
    public ValidationSettings withAllowedNetworks(List<Cidr> networks) {
        return new ValidationSettings(http01Port, hostOverrides, dnsResolver, networks, timeout, maxInFlight,
                maxRedirects, maxBodyBytes, tlsAlpn01Port, maxPerHost);
    }

    /** Returns a copy with another per-validation timeout. */
    public ValidationSettings withTimeout(Duration newTimeout) {
        return new ValidationSettings(http01Port, hostOverrides, dnsResolver, allowedNetworks, newTimeout, maxInFlight,
                maxRedirects, maxBodyBytes, tlsAlpn01Port, maxPerHost);
    }

    /** Returns a copy with another limit on validations in flight. */
    public ValidationSettings withMaxInFlight(int max) {
        return new ValidationSettings(http01Port, hostOverrides, dnsResolver, allowedNetworks, timeout, max,
                maxRedirects, maxBodyBytes, tlsAlpn01Port, maxPerHost);
    }

    /** Returns a copy with another limit on validations of one target in flight. */
    public ValidationSettings withMaxPerHost(int max) {
        return new ValidationSettings(http01Port, hostOverrides, dnsResolver, allowedNetworks, timeout, maxInFlight,
                maxRedirects, maxBodyBytes, tlsAlpn01Port, max);
    }

    /** Returns a copy with another redirect limit. */
    public ValidationSettings withMaxRedirects(int max) {
        return new ValidationSettings(http01Port, hostOverrides, dnsResolver, allowedNetworks, timeout, maxInFlight,
                max, maxBodyBytes, tlsAlpn01Port, maxPerHost);
    }

    /** Returns a copy with another body limit. */
    public ValidationSettings withMaxBodyBytes(int max) {
        return new ValidationSettings(http01Port, hostOverrides, dnsResolver, allowedNetworks, timeout, maxInFlight,
                maxRedirects, max, tlsAlpn01Port, maxPerHost);
    }

    /** Returns the timeout as people say it, e.g. {@code 10 seconds} or {@code 500 ms}, for problem details. */
    String timeoutText() {
        long millis = timeout.toMillis();
        if (millis % 1000 != 0) {
            return millis + " ms";
        }
        return millis == 1000 ? "1 second" : millis / 1000 + " seconds";
    }

    private static void requirePort(String what, int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("invalid " + what + " port " + port
                    + ": expected a number from 1 to 65535");
        }
    }

    private static void requireRange(String what, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("invalid " + what + " " + value + ": expected a number from " + min
                    + " to " + max);
        }
    }

    private static <T> T require(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return value;
    }
}
