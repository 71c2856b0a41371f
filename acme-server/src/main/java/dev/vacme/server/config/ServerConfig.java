package dev.vacme.server.config;

import java.net.URI;
import java.nio.file.Path;
import dev.vacme.server.ca.CaKeySettings;
import dev.vacme.server.ca.Profiles;
import dev.vacme.server.store.StoreLocation;
import dev.vacme.server.ra.DomainRules;
import dev.vacme.server.ra.RateLimit;
import dev.vacme.server.ra.RateLimitOverride;
import dev.vacme.server.ra.SpecialNames;
import dev.vacme.server.va.CaaSettings;
import dev.vacme.server.va.ValidationSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
 * @param store             the database: PostgreSQL from {@code --db}, else the SQLite file in the data directory
 * @param validation        how validation connects: HTTP-01 port, name overrides, DNS server, allowed networks
 * @param certValidity      the lifetime of certificates of the built-in {@code tlsserver} and
 *                          {@code tlsclient} profiles
 * @param termsOfService    the terms new accounts must agree to, if any
 * @param connections       caps on the ACME listener's connections
 * @param adminListen       HOST:PORT of the plain-HTTP admin listener (health checks, metrics), if any
 * @param recoveryWindow    how long an order or challenge may stay in processing before the server
 *                          fails it as interrupted by a crashed instance
 * @param challenges        the challenge types new authorizations may offer, in order of preference
 * @param caa               how CAA is checked
 * @param domains           which DNS names may be certified at all
 * @param specialNames      public suffixes and reserved domains, refused unless under an allowed domain
 * @param rateLimits        the configured rate limits
 * @param profiles          the certificate profiles offered, and the default
 * @param requireEab        whether new accounts need an external account binding (RFC 8555 §7.3.4)
 * @param logFormat         how log lines are written on standard error
 * @param auditLog          the append-only JSON-lines file of security events, if any
 * @param caKey             where the CA's private keys live: PEM files or a PKCS#11 token
 * @param intermediateOverlap how long a new intermediate (from {@code vacme-server ca rotate-intermediate})
 *                          waits before it issues, for relying parties and caches to learn it; zero
 *                          makes it issue at once
 * @param pki               where revocation is published (CRLs, OCSP), if anywhere
 * @param revokeOnAccountDeactivation whether an account's deactivation (RFC 8555 §7.3.6) also
 *                          revokes its unexpired certificates, with reason cessationOfOperation
 */
public record ServerConfig(
        Path dataDir,
        String listenHost,
        int listenPort,
        Optional<URI> externalUrl,
        boolean plainHttp,
        StoreLocation store,
        ValidationSettings validation,
        Duration certValidity,
        Optional<URI> termsOfService,
        ConnectionLimits connections,
        Optional<AdminListen> adminListen,
        Duration recoveryWindow,
        List<String> challenges,
        CaaSettings caa,
        DomainRules domains,
        SpecialNames specialNames,
        RateLimits rateLimits,
        Profiles profiles,
        boolean requireEab,
        LogFormat logFormat,
        Optional<Path> auditLog,
        CaKeySettings caKey,
        Duration intermediateOverlap,
        Pki pki,
        boolean revokeOnAccountDeactivation) {

    /** How log lines are written. */
    public enum LogFormat {
        /** One human-readable line per event (the default). */
        TEXT,
        /** One JSON object per line, for log shippers. */
        JSON
    }

    /**
     * The rate limits ({@code rate-limits:} in YAML); each absent one is no limit.
     *
     * @param limits    the configured limits by name, e.g. {@code new-orders-per-account}
     * @param overrides accounts' own limits ({@code overrides:}), at most one per account URL
     * @param helpUrl   where the limits are explained ({@code rate-limits-help-url})
     */
    public record RateLimits(Map<String, RateLimit> limits, List<RateLimitOverride> overrides,
            Optional<URI> helpUrl) {

        public RateLimits {
            limits = Map.copyOf(limits);
            overrides = List.copyOf(overrides);
        }

        /** Limits without account overrides. */
        public RateLimits(Map<String, RateLimit> limits, Optional<URI> helpUrl) {
            this(limits, List.of(), helpUrl);
        }

        /** Returns the limit configured under this name, if any. */
        public Optional<RateLimit> limit(String name) {
            return Optional.ofNullable(limits.get(name));
        }
    }

    /**
     * Where the admin listener listens.
     *
     * @param host the address (meant for loopback or a private network)
     * @param port the port
     */
    public record AdminListen(String host, int port) {
    }

    /**
     * Revocation publishing: the plain-HTTP PKI listener serving CRLs (RFC 5280) and OCSP
     * (RFC 6960), and the base URL certificates name.
     *
     * @param listen       HOST:PORT of the PKI listener, if this instance serves it
     * @param url          the base URL certificates name for CRLs, OCSP and the issuer certificate;
     *                     {@code http://HOST:PORT} of the listener unless configured
     * @param crlValidity  from a CRL's thisUpdate to its nextUpdate
     * @param ocspValidity from an OCSP answer's thisUpdate to its nextUpdate
     */
    public record Pki(Optional<AdminListen> listen, Optional<URI> url, Duration crlValidity, Duration ocspValidity) {

        /** The default CRL validity; a new CRL is generated when half of it has passed. */
        public static final Duration DEFAULT_CRL_VALIDITY = Duration.ofDays(1);
        /** The default OCSP validity; an answer is signed again when half of it has passed. */
        public static final Duration DEFAULT_OCSP_VALIDITY = Duration.ofDays(1);

        /** True when new certificates name status URLs and this instance keeps CRLs current. */
        public boolean enabled() {
            return url.isPresent();
        }
    }

    /** The default recovery window: far longer than a finalize or a validation (10 s) can take. */
    public static final Duration DEFAULT_RECOVERY_WINDOW = Duration.ofMinutes(5);

    /** The shortest recovery window allowed: longer than a validation's 10 s timeout plus a finalize. */
    public static final Duration MINIMUM_RECOVERY_WINDOW = Duration.ofSeconds(15);

    /** The default listen address. */
    public static final String DEFAULT_LISTEN = "127.0.0.1:14000";
}
