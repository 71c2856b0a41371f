package dev.vacme.server.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The server's configuration, parsed and validated once at start-up.
 *
 * @param dataDir           where the SQLite file, the CA keys and other state live
 * @param listenHost        the address to listen on
 * @param listenPort        the port to listen on (0 picks a free one)
 * @param externalUrl       the base URL clients use, when it differs from the listener's (behind a
 *                          proxy); every URL the server emits starts with it
 * @param plainHttp         listen without TLS (behind a TLS-terminating proxy)
 * @param databaseUrl       a PostgreSQL URL; empty for the embedded SQLite store
 * @param http01Port        the port HTTP-01 validation connects to
 * @param resolve           static name overrides for validation, {@code PATTERN=ADDRESS}
 * @param dnsResolver       the DNS server validation asks, {@code HOST:PORT}; empty for the system resolver
 * @param allowValidationTo networks validation may reach even though the address policy refuses them
 * @param certValidity      the lifetime of issued certificates
 * @param termsOfService    the terms new accounts must agree to, if any
 */
public record ServerConfig(
        Path dataDir,
        String listenHost,
        int listenPort,
        Optional<URI> externalUrl,
        boolean plainHttp,
        Optional<String> databaseUrl,
        int http01Port,
        List<String> resolve,
        Optional<String> dnsResolver,
        List<String> allowValidationTo,
        Duration certValidity,
        Optional<URI> termsOfService) {

    /** The default listen address. */
    public static final String DEFAULT_LISTEN = "127.0.0.1:14000";

    public ServerConfig {
        resolve = List.copyOf(resolve);
        allowValidationTo = List.copyOf(allowValidationTo);
    }
}
