package dev.vacme.server.config;

import java.time.Duration;

/**
 * How many connections the ACME listener keeps, so that no client can exhaust the server's file
 * descriptors: a cap on all connections, a cap per client address, and how long an idle
 * connection (or a TLS handshake) may stay open.
 *
 * @param maxConnections    the most connections open at once
 * @param maxPerAddress     the most connections open at once from one client address
 * @param idleTimeout       an open connection with no traffic for this long is closed
 * @param handshakeTimeout  a TLS handshake not done within this is abandoned
 */
public record ConnectionLimits(int maxConnections, int maxPerAddress, Duration idleTimeout, Duration handshakeTimeout) {

    /** The defaults: 4,096 connections, 256 per address, 60 s idle, 10 s for a handshake. */
    public static final ConnectionLimits DEFAULTS =
            new ConnectionLimits(4096, 256, Duration.ofSeconds(60), Duration.ofSeconds(10));

    public ConnectionLimits {
        if (maxConnections < 1 || maxPerAddress < 1) {
            throw new IllegalArgumentException("connection limits must be at least 1");
        }
    }
}
