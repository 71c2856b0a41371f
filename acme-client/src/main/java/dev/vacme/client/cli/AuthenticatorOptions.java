package dev.vacme.client.cli;

import dev.vacme.client.UsageException;
import dev.vacme.client.challenge.AuthenticatorPluginOptions;
import dev.vacme.client.deploy.InstallerRegistry;
import dev.vacme.client.deploy.InstallerType;
import dev.vacme.client.store.AuthenticatorSpec;
import dev.vacme.client.store.AuthenticatorSpec.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The names to certify and how to prove control of them. {@code -d} and {@code -w} are read in
 * command-line order as certbot reads them: each name is served from the {@code -w} given
 * before it, and names before the first {@code -w} from the first one.
 *
 * <p>Options given on the command line override a lineage's remembered authenticator: choosing
 * another kind replaces it, and settings of the same kind ({@code --http-01-port}, {@code -w},
 * the manual hooks) replace just those settings, as certbot applies command-line values over a
 * renewal configuration.
 */
public final class AuthenticatorOptions {

    private final List<String> domains = new ArrayList<>();
    private final List<Path> webroots = new ArrayList<>();
    private final Map<String, Path> webrootOfDomain = new LinkedHashMap<>();
    private UsageException invalidDomain;
    private List<AuthenticatorPluginOptions> plugins = List.of();

    @Option(names = "--standalone", description = "Answer http-01 with a built-in web server")
    boolean standalone;

    @Option(names = "--webroot", description = "Answer http-01 by writing files below a running web server's"
            + " document root (-w)")
    boolean webroot;

    @Option(names = "--manual", description = "Answer challenges with your own scripts (--manual-auth-hook)")
    boolean manual;

    @Option(names = {"-a", "--authenticator"}, paramLabel = "NAME",
            description = "The authenticator by name: standalone, webroot, manual, nginx or apache")
    String authenticatorName;

    @Option(names = "--http-01-port", paramLabel = "PORT",
            description = "Port the standalone responder listens on, or nginx's plain-HTTP port (default: 80)")
    Integer http01Port;

    @Option(names = "--http-01-address", paramLabel = "ADDRESS",
            description = "Address the standalone responder listens on (default: all)")
    String http01Address;

    @Option(names = "--tls-alpn-01-port", paramLabel = "PORT",
            description = "Port the standalone responder answers tls-alpn-01 on (default: 443)")
    Integer tlsAlpn01Port;

    @Option(names = "--tls-alpn-01-address", paramLabel = "ADDRESS",
            description = "Address the standalone responder answers tls-alpn-01 on (default: all)")
    String tlsAlpn01Address;

    @Option(names = "--manual-auth-hook", paramLabel = "CMD",
            description = "Publishes one challenge response; gets CERTBOT_DOMAIN, CERTBOT_VALIDATION,"
                    + " CERTBOT_TOKEN, CERTBOT_REMAINING_CHALLENGES, CERTBOT_ALL_DOMAINS")
    String manualAuthHook;

    @Option(names = "--manual-cleanup-hook", paramLabel = "CMD",
            description = "Removes one challenge response; also gets CERTBOT_AUTH_OUTPUT")
    String manualCleanupHook;

    @Option(names = "--preferred-challenges", paramLabel = "TYPES",
            description = "Challenge types, preferred first: dns, http (--manual), tls-alpn (--standalone)"
                    + " (default: http)")
    String preferredChallenges;

    /** certbot's consent to the logging of the client's IP address; certbot 1.x ignores it too. */
    @Option(names = "--manual-public-ip-logging-ok", hidden = true)
    boolean manualPublicIpLoggingOk;

    /** {@code -d}: adds names, comma-separated allowed. */
    @Option(names = {"-d", "--domains", "--domain"}, paramLabel = "NAME",
            description = "A name to certify; repeat or separate with commas. The first is the default --cert-name")
    void domain(String value) {
        if (value == null) {
            return;
        }
        for (String name : value.split(",")) {
            if (name.isBlank()) {
                continue;
            }
            String trimmed;
            try {
                trimmed = DomainArgument.normalize(name);
            } catch (UsageException e) {
                // picocli would wrap an exception thrown here in its own words; domains() reports it
                invalidDomain = invalidDomain == null ? e : invalidDomain;
                continue;
            }
            if (!domains.contains(trimmed)) {
                domains.add(trimmed);
                if (!webroots.isEmpty()) {
                    webrootOfDomain.put(trimmed, webroots.get(webroots.size() - 1));
                }
            }
        }
    }

    /** {@code -w}: the document root for the names that follow. */
    @Option(names = {"-w", "--webroot-path"}, paramLabel = "DIR",
            description = "Document root serving the names given after it (with --webroot)")
    void webrootPath(Path directory) {
        if (directory != null) {
            webroots.add(directory);
        }
    }

    /**
     * Adds the options of plugins that are also authenticators ({@code --nginx}, {@code --apache}),
     * which a command that installs carries with its installer options.
     */
    void plugins(List<AuthenticatorPluginOptions> pluginOptions) {
        plugins = List.copyOf(pluginOptions);
    }

    /**
     * Adds the options of the installers that are also authenticators to a command that does not
     * install ({@code certonly}, {@code renew}): there they choose and configure the authenticator
     * only, as certbot's {@code certonly --nginx} does.
     */
    void attachPlugins(InstallerRegistry installers, CommandLine command) {
        Map<String, AuthenticatorPluginOptions> perGroup = new LinkedHashMap<>();
        for (InstallerType type : installers.types()) {
            if (!perGroup.containsKey(type.optionsGroup())
                    && type.newOptions() instanceof AuthenticatorPluginOptions options) {
                perGroup.put(type.optionsGroup(), options);
                command.addMixin("authenticator-" + type.optionsGroup(), options);
            }
        }
        plugins(List.copyOf(perGroup.values()));
    }

    /**
     * Returns the names in order, as ordered (internationalised names as A-labels).
     *
     * @throws UsageException when a {@code -d} name is not a valid domain name
     */
    List<String> domains() {
        if (invalidDomain != null) {
            throw invalidDomain;
        }
        return List.copyOf(domains);
    }

    /** Returns true when any authenticator option was given. */
    boolean anyGiven() {
        return standalone || webroot || manual || authenticatorName != null || !webroots.isEmpty()
                || manualAuthHook != null || manualCleanupHook != null || http01Port != null || http01Address != null
                || tlsAlpn01Port != null || tlsAlpn01Address != null
                || preferredChallenges != null || plugins.stream().anyMatch(AuthenticatorPluginOptions::anyGiven);
    }

    /**
     * Checks what can be checked without a lineage: one authenticator at most, a known name.
     *
     * @throws UsageException when the options contradict each other
     */
    void validate() {
        chosenKind();
    }

    /**
     * Returns the authenticator for the names: the options over the remembered authenticator.
     *
     * @param remembered the lineage's current authenticator, or null
     * @param workingDir resolves relative webroots
     * @param names      the names to certify (the webroot map covers these)
     * @throws UsageException when the options contradict each other or none is known
     */
    AuthenticatorSpec resolve(AuthenticatorSpec remembered, Path workingDir, List<String> names) {
        if (!anyGiven() && remembered != null) {
            return remembered;
        }
        Kind kind = chosenKind().orElse(remembered == null ? null : remembered.kind());
        if (kind == null) {
            throw new UsageException("choose how to prove control of the names: --standalone, --webroot -w DIR,"
                    + " or --manual --manual-auth-hook CMD");
        }
        AuthenticatorSpec base = remembered != null && remembered.kind() == kind ? remembered : null;
        List<String> types = challengeTypes(kind, base);
        return switch (kind) {
            case STANDALONE -> new AuthenticatorSpec(kind,
                    http01Address != null ? http01Address : base != null ? base.http01Address() : "",
                    http01Port != null ? http01Port : base != null ? base.http01Port() : 80, Map.of(), types,
                    null, null, standaloneSettings(base));
            case WEBROOT -> new AuthenticatorSpec(kind, "", 80, webrootMap(workingDir, names, base), types, null,
                    null);
            case MANUAL -> new AuthenticatorSpec(kind, "", 80, Map.of(), types,
                    manualAuthHook != null ? manualAuthHook : base != null ? base.manualAuthHook() : null,
                    manualCleanupHook != null ? manualCleanupHook : base != null ? base.manualCleanupHook() : null);
            case APACHE -> AuthenticatorSpec.plugin(kind, pluginSettings(kind, base, workingDir));
            case NGINX -> new AuthenticatorSpec(kind, "", http01Port != null ? http01Port
                    : base != null ? base.http01Port() : 80, Map.of(), types, null, null,
                    pluginSettings(kind, base, workingDir));
        };
    }

    /** Returns the kind the options choose, explicitly or by implication, if any. */
    private Optional<Kind> chosenKind() {
        Set<Kind> chosen = EnumSet.noneOf(Kind.class);
        if (standalone) {
            chosen.add(Kind.STANDALONE);
        }
        if (webroot) {
            chosen.add(Kind.WEBROOT);
        }
        if (manual) {
            chosen.add(Kind.MANUAL);
        }
        if (authenticatorName != null) {
            chosen.add(parseAuthenticator(authenticatorName));
        }
        plugins.stream().filter(AuthenticatorPluginOptions::choosesAuthenticator)
                .forEach(p -> chosen.add(parseAuthenticator(p.authenticatorName())));
        if (chosen.size() > 1) {
            throw new UsageException("choose one of --standalone, --webroot, --manual, --nginx and --apache");
        }
        if (chosen.size() == 1) {
            return Optional.of(chosen.iterator().next());
        }
        if (manualAuthHook != null) {
            return Optional.of(Kind.MANUAL);
        }
        return webroots.isEmpty() ? Optional.empty() : Optional.of(Kind.WEBROOT);
    }

    private static Kind parseAuthenticator(String name) {
        String label = name.strip().toLowerCase(Locale.ROOT);
        for (Kind kind : Kind.values()) {
            if (kind.label().equals(label)) {
                return kind;
            }
        }
        throw new UsageException("unknown authenticator '" + name + "'; use standalone, webroot, manual, nginx or"
                + " apache");
    }

    /** A plugin's settings: its options (when the command has them) over the remembered settings. */
    private Map<String, String> pluginSettings(Kind kind, AuthenticatorSpec base, Path workingDir) {
        Map<String, String> remembered = base != null ? base.settings() : Map.of();
        return plugins.stream().filter(p -> p.authenticatorName().equals(kind.label())).findFirst()
                .map(p -> p.authenticatorSettings(remembered, workingDir)).orElse(remembered);
    }

    /** The standalone tls-alpn-01 port and address: the options over the remembered ones. */
    private Map<String, String> standaloneSettings(AuthenticatorSpec base) {
        Map<String, String> settings = new LinkedHashMap<>(base != null ? base.settings() : Map.of());
        if (tlsAlpn01Port != null) {
            settings.put(AuthenticatorSpec.TLS_ALPN_01_PORT, Integer.toString(tlsAlpn01Port));
        }
        if (tlsAlpn01Address != null) {
            settings.put(AuthenticatorSpec.TLS_ALPN_01_ADDRESS, tlsAlpn01Address);
        }
        return settings;
    }

    private List<String> challengeTypes(Kind kind, AuthenticatorSpec base) {
        if (preferredChallenges == null) {
            return base != null ? base.challengeTypes() : List.of("http-01");
        }
        List<String> types = new ArrayList<>();
        for (String token : preferredChallenges.split("[,\\s]+")) {
            String type = switch (token.strip().toLowerCase(Locale.ROOT)) {
                case "dns", "dns-01" -> "dns-01";
                case "http", "http-01" -> "http-01";
                case "tls-alpn", "tls-alpn-01" -> "tls-alpn-01";
                case "" -> null;
                default -> throw new UsageException("unsupported --preferred-challenges '" + token
                        + "'; use dns, http or tls-alpn");
            };
            if (type != null && !types.contains(type)) {
                types.add(type);
            }
        }
        if (kind == Kind.STANDALONE) {
            List<String> answered = types.stream().filter(t -> !t.equals("dns-01")).toList();
            if (answered.isEmpty()) {
                throw new UsageException("--standalone answers http-01 and tls-alpn-01; dns-01 needs --manual"
                        + " with --manual-auth-hook");
            }
            return answered;
        }
        if (kind == Kind.MANUAL) {
            if (types.contains("tls-alpn-01")) {
                throw new UsageException("--manual answers http-01 and dns-01; tls-alpn-01 needs --standalone");
            }
            return types;
        }
        if (!types.contains("http-01")) {
            throw new UsageException("--" + kind.label() + " answers http-01 only; dns-01 needs --manual"
                    + " with --manual-auth-hook, tls-alpn-01 --standalone");
        }
        return List.of("http-01");
    }

    private Map<String, Path> webrootMap(Path workingDir, List<String> names, AuthenticatorSpec base) {
        if (webroots.isEmpty()) {
            if (base == null) {
                throw new UsageException("--webroot needs -w DIR, the document root that serves the names");
            }
            return base.webroots();
        }
        Map<String, Path> map = new LinkedHashMap<>();
        for (String name : names) {
            Path root = webrootOfDomain.getOrDefault(name, webroots.get(0));
            map.put(name, workingDir.resolve(root).toAbsolutePath().normalize());
        }
        return map;
    }

    /**
     * Checks that every document root of a webroot authenticator is a directory, before the server
     * is asked anything: a typo would otherwise fail only at validation, after an order.
     *
     * @throws UsageException naming the first root that is not a directory
     */
    static void checkWebroots(AuthenticatorSpec spec) {
        if (spec.kind() != Kind.WEBROOT) {
            return;
        }
        for (Path root : spec.webroots().values()) {
            if (!Files.isDirectory(root)) {
                throw new UsageException("-w " + root + (Files.exists(root) ? " is not a directory" : " does not exist")
                        + "; give the document root the web server serves the names from");
            }
        }
    }
}
