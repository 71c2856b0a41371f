package dev.vacme.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.vacme.server.ca.CaSetup;
import dev.vacme.server.ra.ChallengePolicy;
import dev.vacme.server.ra.DomainRules;
import dev.vacme.server.ra.RateLimit;
import dev.vacme.server.ra.PublicSuffixes;
import dev.vacme.server.ra.RateLimitOverride;
import dev.vacme.server.ra.RateLimiter;
import dev.vacme.server.ra.SpecialNames;
import dev.vacme.server.store.StoreLocation;
import dev.vacme.server.va.CaaSettings;
import dev.vacme.server.va.Cidr;
import dev.vacme.server.va.DnsServer;
import dev.vacme.server.va.HostOverride;
import dev.vacme.server.va.ValidationSettings;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds the {@link ServerConfig} from a YAML file and the command line; the command line wins.
 * The YAML keys are the long option names without dashes in front, e.g. {@code data-dir}.
 */
public final class ConfigLoader {

    /** Every key the YAML file may hold (and every long option of the server). */
    public static final Set<String> KEYS = Set.of("data-dir", "listen", "external-url", "plain-http", "db",
            "http01-port", "resolve", "dns-resolver", "allow-validation-to", "cert-validity", "terms-of-service",
            "max-connections", "max-connections-per-address", "idle-timeout", "admin-listen", "recovery-window",
            "challenges", "max-validations-per-host",
            "tls-alpn01-port", "caa-identity", "caa-recheck-after", "allowed-domains", "blocked-domains",
            "reserved-domains", "public-suffix-list",
            "rate-limits", "rate-limits-help-url", "profiles", "default-profile", "tlsclient-server-auth",
            "require-eab", "log-format", "audit-log", "ca-key", "pkcs11-config", "pkcs11-pin-file",
            "pkcs11-root-label", "pkcs11-intermediate-label", "intermediate-overlap",
            "pki-listen", "pki-url", "crl-validity", "ocsp-validity", "revoke-on-account-deactivation");

    /** The rate limits this version enforces. */
    private static final Set<String> BUILT_LIMITS = Set.copyOf(RateLimiter.NAMES);

    /** The one key that holds a nested mapping (YAML only), parsed by {@link ProfileConfig}. */
    private static final String PROFILES = "profiles";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ConfigLoader() {
    }

    /**
     * Loads the configuration.
     *
     * @param file        the YAML file given with {@code --config}, if any
     * @param commandLine the options given on the command line, by key; values are strings,
     *                    integers, booleans or lists of strings
     * @throws ConfigException with a one-line message for anything invalid
     */
    public static ServerConfig load(Optional<Path> file, Map<String, Object> commandLine) {
        return load(file, commandLine, Map.of());
    }

    /**
     * Loads the configuration, taking the PKCS#11 PIN from {@code environment} when it holds
     * {@code VACME_PKCS11_PIN}.
     *
     * @param environment the process environment (only the wiring reads it)
     * @throws ConfigException with a one-line message for anything invalid
     */
    public static ServerConfig load(Optional<Path> file, Map<String, Object> commandLine,
            Map<String, String> environment) {
        Map<String, Object> values = new LinkedHashMap<>();
        file.ifPresent(path -> values.putAll(readYaml(path)));
        commandLine.forEach((key, value) -> {
            if (!KEYS.contains(key) || key.equals(PROFILES)) {
                throw new IllegalArgumentException("unknown command-line key " + key);
            }
            if (value != null) {
                values.put(key, value);
            }
        });
        return build(new Values(values), environment);
    }

    private static ServerConfig build(Values values, Map<String, String> environment) {
        String[] listen = hostAndPort("listen", values.string("listen").orElse(ServerConfig.DEFAULT_LISTEN), true);
        Path dataDir = Path.of(values.string("data-dir").orElse("vacme-data")).toAbsolutePath().normalize();
        Duration certValidity = values.string("cert-validity").map(ConfigLoader::validity).orElse(Duration.ofDays(90));
        return new ServerConfig(
                dataDir,
                listen[0],
                Integer.parseInt(listen[1]),
                values.string("external-url").map(ConfigLoader::externalUrl),
                values.bool("plain-http").orElse(false),
                values.string("db").map(ConfigLoader::database).orElseGet(() -> StoreLocation.inDataDirectory(dataDir)),
                validation(values),
                certValidity,
                values.string("terms-of-service").map(text -> absoluteUrl("terms-of-service", text)),
                connectionLimits(values),
                values.string("admin-listen").map(text -> {
                    String[] admin = hostAndPort("admin-listen", text, false);
                    return new ServerConfig.AdminListen(admin[0], Integer.parseInt(admin[1]));
                }),
                values.string("recovery-window").map(ConfigLoader::recoveryWindow).orElse(ServerConfig.DEFAULT_RECOVERY_WINDOW),
                challenges(values),
                caa(values),
                new DomainRules(option("allowed-domains", () -> DomainRules.domains(values.list("allowed-domains"))),
                        option("blocked-domains", () -> DomainRules.domains(values.list("blocked-domains")))),
                specialNames(values),
                rateLimits(values),
                ProfileConfig.profiles((JsonNode) values.raw().get(PROFILES), certValidity,
                        values.bool("tlsclient-server-auth").orElse(false), values.string("default-profile")),
                values.bool("require-eab").orElse(false),
                values.string("log-format").map(ConfigLoader::logFormat).orElse(ServerConfig.LogFormat.TEXT),
                values.string("audit-log").map(text -> Path.of(text).toAbsolutePath().normalize()),
                CaKeyConfig.read(values::string, environment),
                values.string("intermediate-overlap").map(ConfigLoader::overlap).orElse(CaSetup.DEFAULT_OVERLAP),
                pki(values),
                values.bool("revoke-on-account-deactivation").orElse(false));
    }

    /** Reads pki-listen, pki-url, crl-validity and ocsp-validity; the URL defaults to the listener's. */
    private static ServerConfig.Pki pki(Values values) {
        Optional<ServerConfig.AdminListen> listen = values.string("pki-listen").map(text -> {
            String[] pki = hostAndPort("pki-listen", text, false);
            return new ServerConfig.AdminListen(pki[0], Integer.parseInt(pki[1]));
        });
        Optional<URI> url = values.string("pki-url").map(ConfigLoader::pkiUrl);
        if (url.isEmpty() && listen.isPresent()) {
            String host = listen.get().host();
            if (host.equals("0.0.0.0") || host.equals("::")) {
                throw new ConfigException("pki-listen: listening on every address, certificates cannot name it; "
                        + "give --pki-url with the URL relying parties use (e.g. http://pki.example.com)");
            }
            url = Optional.of(URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
                    + listen.get().port()));
        }
        Duration crl = values.string("crl-validity").map(text -> validityAtLeastAMinute("crl-validity", text))
                .orElse(ServerConfig.Pki.DEFAULT_CRL_VALIDITY);
        Duration ocsp = values.string("ocsp-validity").map(text -> validityAtLeastAMinute("ocsp-validity", text))
                .orElse(ServerConfig.Pki.DEFAULT_OCSP_VALIDITY);
        return new ServerConfig.Pki(listen, url, crl, ocsp);
    }

    private static URI pkiUrl(String text) {
        URI uri = absoluteUrl("pki-url", text);
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new ConfigException("pki-url: '" + text + "' must not have a query or fragment");
        }
        return URI.create(uri.toString().replaceAll("/+$", ""));
    }

    private static Duration validityAtLeastAMinute(String key, String text) {
        Duration validity = duration(key, text);
        if (validity.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new ConfigException(key + ": must be at least 1m, not " + text);
        }
        return validity;
    }

    private static ServerConfig.LogFormat logFormat(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "text" -> ServerConfig.LogFormat.TEXT;
            case "json" -> ServerConfig.LogFormat.JSON;
            default -> throw new ConfigException("log-format: '" + text + "' is not text or json");
        };
    }

    /**
     * The public suffix list ({@code public-suffix-list}, by default Debian's file) and the
     * reserved domains ({@code reserved-domains}, by default {@link SpecialNames#DEFAULT_RESERVED};
     * an empty list reserves none).
     */
    private static SpecialNames specialNames(Values values) {
        Optional<Path> configured = values.string("public-suffix-list")
                .map(text -> Path.of(text).toAbsolutePath().normalize());
        List<String> reserved = values.raw().containsKey("reserved-domains")
                ? option("reserved-domains", () -> DomainRules.domains(values.list("reserved-domains")))
                : SpecialNames.DEFAULT_RESERVED;
        if (configured.isEmpty() && !Files.exists(PublicSuffixes.DEBIAN_LIST)) {
            // A fresh machine without Debian's publicsuffix package still starts; StartupWarnings says so.
            return new SpecialNames(PublicSuffixes.TOP_LEVEL_ONLY, reserved);
        }
        Path file = configured.orElse(PublicSuffixes.DEBIAN_LIST);
        return new SpecialNames(option("public-suffix-list", () -> PublicSuffixes.load(file)), reserved);
    }

    /** Reads {@code rate-limits:} (a YAML mapping, or NAME=COUNT/DURATION items on the command line). */
    private static ServerConfig.RateLimits rateLimits(Values values) {
        Map<String, String> limits = new LinkedHashMap<>();
        List<RateLimitOverride> overrides = List.of();
        Object raw = values.raw().get("rate-limits");
        if (raw instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (entry.getKey().equals(RateLimitOverrides.KEY)) {
                    overrides = RateLimitOverrides.parse((JsonNode) entry.getValue());
                } else {
                    limits.put(String.valueOf(entry.getKey()), String.valueOf(entry.getValue()));
                }
            }
        } else {
            for (String item : values.list("rate-limits")) {
                int equals = item.indexOf('=');
                if (equals < 0) {
                    throw new ConfigException("rate-limits: '" + item + "' is not NAME=COUNT/DURATION, e.g. "
                            + "new-orders-per-account=300/3h");
                }
                limits.put(item.substring(0, equals).strip(), item.substring(equals + 1).strip());
            }
        }
        Map<String, RateLimit> parsed = new LinkedHashMap<>();
        for (Map.Entry<String, String> limit : limits.entrySet()) {
            String name = limit.getKey();
            if (!BUILT_LIMITS.contains(name)) {
                throw new ConfigException("rate-limits: unknown limit '" + name + "'; known: "
                        + String.join(", ", new TreeSet<>(BUILT_LIMITS)));
            }
            parsed.put(name, option("rate-limits", () -> RateLimit.parse(limit.getValue())));
        }
        return new ServerConfig.RateLimits(parsed, overrides,
                values.string("rate-limits-help-url").map(text -> absoluteUrl("rate-limits-help-url", text)));
    }

    private static CaaSettings caa(Values values) {
        List<String> identities = values.list("caa-identity").stream().map(String::strip).map(identity -> {
            if (!identity.matches("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?")) {
                throw new ConfigException("caa-identity: '" + identity + "' is not a domain name (e.g. ca.example.com)");
            }
            return identity.toLowerCase(Locale.ROOT);
        }).toList();
        return new CaaSettings(identities, values.string("caa-recheck-after")
                .map(text -> duration("caa-recheck-after", text)).orElse(CaaSettings.DEFAULT_RECHECK_AFTER));
    }

    /** The enabled challenge types: a list, or one comma-separated string. */
    private static List<String> challenges(Values values) {
        List<String> types = values.list("challenges").stream()
                .flatMap(item -> java.util.Arrays.stream(item.split(",")))
                .map(String::strip)
                .filter(type -> !type.isEmpty())
                .map(type -> type.toLowerCase(Locale.ROOT))
                .toList();
        List<String> enabled = types.isEmpty() ? ChallengePolicy.DEFAULT : types;
        option("challenges", () -> new ChallengePolicy(enabled));
        return enabled;
    }

    private static ConnectionLimits connectionLimits(Values values) {
        ConnectionLimits defaults = ConnectionLimits.DEFAULTS;
        return new ConnectionLimits(
                values.integer("max-connections").map(n -> atLeastOne("max-connections", n))
                        .orElse(defaults.maxConnections()),
                values.integer("max-connections-per-address").map(n -> atLeastOne("max-connections-per-address", n))
                        .orElse(defaults.maxPerAddress()),
                values.string("idle-timeout").map(text -> duration("idle-timeout", text))
                        .orElse(defaults.idleTimeout()),
                defaults.handshakeTimeout());
    }

    private static int atLeastOne(String key, int value) {
        if (value < 1) {
            throw new ConfigException(key + ": must be at least 1, not " + value);
        }
        return value;
    }

    private static ValidationSettings validation(Values values) {
        int http01Port = values.integer("http01-port").map(port -> port("http01-port", port))
                .orElse(ValidationSettings.DEFAULT_HTTP01_PORT);
        int tlsAlpn01Port = values.integer("tls-alpn01-port").map(port -> port("tls-alpn01-port", port))
                .orElse(ValidationSettings.DEFAULT_TLS_ALPN01_PORT);
        return ValidationSettings.defaults()
                .withMaxPerHost(values.integer("max-validations-per-host")
                        .map(n -> atLeastOne("max-validations-per-host", n))
                        .orElse(ValidationSettings.DEFAULT_MAX_PER_HOST))
                .withHttp01Port(http01Port)
                .withTlsAlpn01Port(tlsAlpn01Port)
                .withHostOverrides(values.list("resolve").stream()
                        .map(text -> option("resolve", () -> HostOverride.parse(text))).toList())
                .withDnsResolver(values.string("dns-resolver")
                        .map(text -> option("dns-resolver", () -> DnsServer.parse(text))))
                .withAllowedNetworks(values.list("allow-validation-to").stream()
                        .map(text -> option("allow-validation-to", () -> Cidr.parse(text))).toList());
    }

    /** Parses one option value, turning the parser's message into a configuration error naming the option. */
    private static <T> T option(String key, java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key + ": " + e.getMessage());
        }
    }

    private static Map<String, Object> readYaml(Path path) {
        JsonNode root;
        try {
            root = YAML.readTree(Files.readAllBytes(path));
        } catch (NoSuchFileException e) {
            throw new ConfigException("config file " + path + " does not exist");
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + path + ": " + firstLine(e.getMessage()));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return Map.of();
        }
        if (!root.isObject()) {
            throw new ConfigException("config file " + path + " must be a YAML mapping of option names to values");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (var fields = root.fields(); fields.hasNext(); ) {
            var field = fields.next();
            CaKeyConfig.refusePin(field.getKey(), path);
            if (!KEYS.contains(field.getKey())) {
                throw new ConfigException("unknown key '" + field.getKey() + "' in " + path + "; known keys: "
                        + String.join(", ", new TreeSet<>(KEYS)));
            }
            values.put(field.getKey(), field.getKey().equals(PROFILES)
                    ? field.getValue()
                    : yamlValue(path, field.getKey(), field.getValue()));
        }
        return values;
    }

    private static Object yamlValue(Path path, String key, JsonNode node) {
        if (node.isObject() && key.equals("rate-limits")) {
            Map<String, Object> limits = new LinkedHashMap<>();
            node.fields().forEachRemaining(limit -> limits.put(limit.getKey(),
                    limit.getKey().equals(RateLimitOverrides.KEY) ? limit.getValue() : limit.getValue().asText()));
            return limits;
        }
        if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(item -> {
                if (!item.isValueNode()) {
                    throw new ConfigException("'" + key + "' in " + path + " must be a list of strings");
                }
                items.add(item.asText());
            });
            return items;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isInt()) {
            return node.intValue();
        }
        if (node.isValueNode() && !node.isNull()) {
            return node.asText();
        }
        throw new ConfigException("'" + key + "' in " + path + " must be a single value or a list");
    }

    /** Parses {@code HOST:PORT}, {@code [IPv6]:PORT} or, when allowed, just {@code :PORT}. */
    static String[] hostAndPort(String key, String text, boolean allowZero) {
        String host;
        String port;
        if (text.startsWith("[")) {
            int close = text.indexOf("]:");
            if (close < 0) {
                throw new ConfigException(key + ": '" + text + "' is not HOST:PORT ([IPv6]:PORT for IPv6)");
            }
            host = text.substring(1, close);
            port = text.substring(close + 2);
        } else {
            int colon = text.lastIndexOf(':');
            if (colon < 0 || text.indexOf(':') != colon) {
                throw new ConfigException(key + ": '" + text + "' is not HOST:PORT ([IPv6]:PORT for IPv6)");
            }
            host = colon == 0 ? "0.0.0.0" : text.substring(0, colon);
            port = text.substring(colon + 1);
        }
        int number;
        try {
            number = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new ConfigException(key + ": '" + port + "' is not a port number");
        }
        if (number < (allowZero ? 0 : 1) || number > 65535) {
            throw new ConfigException(key + ": port " + number + " is out of range");
        }
        return new String[] {host, Integer.toString(number)};
    }

    private static int port(String key, int port) {
        if (port < 1 || port > 65535) {
            throw new ConfigException(key + ": port " + port + " is out of range 1-65535");
        }
        return port;
    }

    private static URI externalUrl(String text) {
        URI uri = absoluteUrl("external-url", text);
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new ConfigException("external-url: '" + text + "' must not have a query or fragment");
        }
        String normalized = uri.toString().replaceAll("/+$", "");
        return URI.create(normalized);
    }

    private static URI absoluteUrl(String key, String text) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new ConfigException(key + ": '" + text + "' is not an absolute http(s) URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigException(key + ": '" + text + "' is not a valid URL: " + e.getReason());
        }
    }

    private static StoreLocation database(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("postgresql://") && !lower.startsWith("postgres://")) {
            throw new ConfigException("db: '" + text + "' is not a postgresql://user[:password]@host:port/database URL");
        }
        try {
            return StoreLocation.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("db: " + e.getMessage());
        }
    }

    private static Duration validity(String text) {
        return duration("cert-validity", text);
    }

    /** Reads intermediate-overlap: a duration, or 0 for a new intermediate to issue at once. */
    private static Duration overlap(String text) {
        if (text.strip().matches("0+\\s*[dhms]?")) {
            return Duration.ZERO;
        }
        return duration("intermediate-overlap", text);
    }

    private static Duration recoveryWindow(String text) {
        Duration window = duration("recovery-window", text);
        if (window.compareTo(ServerConfig.MINIMUM_RECOVERY_WINDOW) < 0) {
            throw new ConfigException("recovery-window: must be at least 15s (longer than a validation can take), not "
                    + text);
        }
        return window;
    }

    private static Duration duration(String key, String text) {
        Duration duration;
        try {
            duration = Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key + ": " + e.getMessage());
        }
        if (duration.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new ConfigException(key + ": must be at least 1s, not " + text);
        }
        return duration;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** Typed access to the merged raw values, with errors that name the key. */
    private record Values(Map<String, Object> raw) {

        Optional<String> string(String key) {
            Object value = raw.get(key);
            if (value == null) {
                return Optional.empty();
            }
            if (value instanceof List<?>) {
                throw new ConfigException("'" + key + "' takes a single value, not a list");
            }
            return Optional.of(value.toString());
        }

        Optional<Boolean> bool(String key) {
            Object value = raw.get(key);
            if (value == null) {
                return Optional.empty();
            }
            if (value instanceof Boolean flag) {
                return Optional.of(flag);
            }
            throw new ConfigException("'" + key + "' must be true or false, not '" + value + "'");
        }

        Optional<Integer> integer(String key) {
            Object value = raw.get(key);
            if (value == null) {
                return Optional.empty();
            }
            if (value instanceof Integer number) {
                return Optional.of(number);
            }
            try {
                return Optional.of(Integer.parseInt(value.toString().trim()));
            } catch (NumberFormatException e) {
                throw new ConfigException("'" + key + "' must be a number, not '" + value + "'");
            }
        }

        List<String> list(String key) {
            Object value = raw.get(key);
            if (value == null) {
                return List.of();
            }
            if (value instanceof List<?> items) {
                return items.stream().map(Object::toString).toList();
            }
            return List.of(value.toString());
        }
    }
}
