package dev.vacme.client.store;

import dev.vacme.client.UsageException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a lineage proves control of its names, remembered for renewals.
 *
 * @param kind               standalone, webroot, manual or nginx
 * @param http01Address      standalone: the address to listen on, empty for all
 * @param http01Port         standalone: the port to listen on; nginx: the port of the plain-HTTP
 *                           server blocks that answer
 * @param webroots           webroot: the document root of each name
 * @param challengeTypes     manual: {@code http-01} and/or {@code dns-01}; standalone: {@code http-01}
 *                           and/or {@code tls-alpn-01}; preferred first
 * @param manualAuthHook     manual: publishes one response
 * @param manualCleanupHook  manual: removes one response, may be null
 * @param settings           a plugin's own settings, as written in {@code [renewal]} (nginx:
 *                           {@code nginx_server_root}, {@code nginx_ctl}; apache: {@code apache_server_root},
 *                           {@code apache_ctl}); each key starts with the kind's label and an underscore;
 *                           standalone: {@code tls_alpn_01_port} and {@code tls_alpn_01_address}
 */
public record AuthenticatorSpec(
        Kind kind,
        String http01Address,
        int http01Port,
        Map<String, Path> webroots,
        List<String> challengeTypes,
        String manualAuthHook,
        String manualCleanupHook,
        Map<String, String> settings) {

    /** The kinds of authenticator. */
    public enum Kind {
        STANDALONE("standalone"),
        WEBROOT("webroot"),
        MANUAL("manual"),
        /** Through a running nginx (the {@code nginx} authenticator plugin). */
        NGINX("nginx"),
        /** Through a running Apache httpd (the {@code apache} authenticator plugin). */
        APACHE("apache");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** Returns the name used on the command line and in the renewal configuration. */
        public String label() {
            return label;
        }

        /** Parses a label. */
        public static Kind parse(String label) {
            for (Kind kind : values()) {
                if (kind.label.equals(label)) {
                    return kind;
                }
            }
            throw new StoreException("unknown authenticator '" + label + "'");
        }
    }

    public AuthenticatorSpec {
        http01Address = http01Address == null ? "" : http01Address;
        challengeTypes = challengeTypes == null || challengeTypes.isEmpty() ? List.of("http-01")
                : List.copyOf(challengeTypes);
        for (String type : challengeTypes) {
            if (!type.equals("http-01") && !type.equals("dns-01") && !type.equals("tls-alpn-01")) {
                throw new UsageException("unsupported challenge type '" + type + "'; use http, dns or tls-alpn");
            }
        }
        webroots = Collections.unmodifiableMap(new LinkedHashMap<>(webroots == null ? Map.of() : webroots));
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings == null ? Map.of() : settings));
        if (kind == Kind.MANUAL && (manualAuthHook == null || manualAuthHook.isBlank())) {
            throw new UsageException("--manual needs --manual-auth-hook so that it can run unattended");
        }
        if (kind == Kind.WEBROOT && webroots.isEmpty()) {
            throw new UsageException("--webroot needs at least one -w DIR");
        }
        if (http01Port < 1 || http01Port > 65535) {
            throw new UsageException("--http-01-port must be between 1 and 65535");
        }
        if (kind == Kind.STANDALONE) {
            int alpnPort;
            try {
                alpnPort = Integer.parseInt(settings.getOrDefault(TLS_ALPN_01_PORT, "443"));
            } catch (NumberFormatException e) {
                alpnPort = 0;
            }
            if (alpnPort < 1 || alpnPort > 65535) {
                throw new UsageException("--tls-alpn-01-port must be between 1 and 65535");
            }
        }
    }

    /** The setting of the standalone authenticator's tls-alpn-01 port. */
    public static final String TLS_ALPN_01_PORT = "tls_alpn_01_port";

    /** The setting of the standalone authenticator's tls-alpn-01 address. */
    public static final String TLS_ALPN_01_ADDRESS = "tls_alpn_01_address";

    /** Standalone: the port tls-alpn-01 is answered on (443 unless set). */
    public int tlsAlpn01Port() {
        return Integer.parseInt(settings.getOrDefault(TLS_ALPN_01_PORT, "443"));
    }

    /** Standalone: the address tls-alpn-01 is answered on, empty for all. */
    public String tlsAlpn01Address() {
        return settings.getOrDefault(TLS_ALPN_01_ADDRESS, "");
    }

    /** Creates a spec of a built-in kind, which has no plugin settings. */
    public AuthenticatorSpec(Kind kind, String http01Address, int http01Port, Map<String, Path> webroots,
            List<String> challengeTypes, String manualAuthHook, String manualCleanupHook) {
        this(kind, http01Address, http01Port, webroots, challengeTypes, manualAuthHook, manualCleanupHook, Map.of());
    }

    /** A plugin authenticator (answering http-01) with its own settings. */
    public static AuthenticatorSpec plugin(Kind kind, Map<String, String> settings) {
        return new AuthenticatorSpec(kind, "", 80, Map.of(), List.of("http-01"), null, null, settings);
    }

    /** The standalone responder on port 80 of all addresses. */
    public static AuthenticatorSpec standalone(String address, int port) {
        return new AuthenticatorSpec(Kind.STANDALONE, address, port, Map.of(), List.of("http-01"), null, null);
    }
}
