package dev.vacme.client.cli;

import dev.vacme.client.UsageException;
import dev.vacme.client.store.AuthenticatorSpec;
import dev.vacme.client.store.AuthenticatorSpec.Kind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The names to certify and how to prove control of them. {@code -d} and {@code -w} are read in
 * command-line order as certbot reads them: each name is served from the {@code -w} given
 * before it, and names before the first {@code -w} from the first one.
 */
public final class AuthenticatorOptions {

    private final List<String> domains = new ArrayList<>();
    private final List<Path> webroots = new ArrayList<>();
    private final Map<String, Path> webrootOfDomain = new LinkedHashMap<>();

    @Option(names = "--standalone", description = "Answer http-01 with a built-in web server")
    boolean standalone;

    @Option(names = "--webroot", description = "Answer http-01 by writing files below a running web server's"
            + " document root (-w)")
    boolean webroot;

    @Option(names = "--manual", description = "Answer challenges with your own scripts (--manual-auth-hook)")
    boolean manual;

    @Option(names = "--http-01-port", paramLabel = "PORT", defaultValue = "80",
            description = "Port the standalone responder listens on (default: ${DEFAULT-VALUE})")
    int http01Port;

    @Option(names = "--http-01-address", paramLabel = "ADDRESS", defaultValue = "",
            description = "Address the standalone responder listens on (default: all)")
    String http01Address;

    @Option(names = "--manual-auth-hook", paramLabel = "CMD",
            description = "Publishes one challenge response; gets CERTBOT_DOMAIN, CERTBOT_VALIDATION,"
                    + " CERTBOT_TOKEN, CERTBOT_REMAINING_CHALLENGES, CERTBOT_ALL_DOMAINS")
    String manualAuthHook;

    @Option(names = "--manual-cleanup-hook", paramLabel = "CMD",
            description = "Removes one challenge response; also gets CERTBOT_AUTH_OUTPUT")
    String manualCleanupHook;

    @Option(names = "--preferred-challenges", paramLabel = "TYPES",
            description = "Challenge types for --manual, preferred first: dns, http (default: http)")
    String preferredChallenges;

    /** {@code -d}: adds names, comma-separated allowed. */
    @Option(names = {"-d", "--domains", "--domain"}, paramLabel = "NAME",
            description = "A name to certify; repeat or separate with commas. The first is the default --cert-name")
    void domain(String value) {
        if (value == null) {
            return;
        }
        for (String name : value.split(",")) {
            String trimmed = name.strip().toLowerCase(Locale.ROOT);
            if (!trimmed.isEmpty() && !domains.contains(trimmed)) {
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

    /** Returns the names in order. */
    List<String> domains() {
        return List.copyOf(domains);
    }

    /** Returns true when any authenticator option was given. */
    boolean anyGiven() {
        return standalone || webroot || manual || !webroots.isEmpty() || manualAuthHook != null;
    }

    /**
     * Returns the authenticator the options describe, or the remembered one when none was given.
     *
     * @param remembered the lineage's current authenticator, or null
     * @param workingDir resolves relative webroots
     * @throws UsageException when the options contradict each other or none is known
     */
    AuthenticatorSpec resolve(AuthenticatorSpec remembered, Path workingDir) {
        if (!anyGiven()) {
            if (remembered != null) {
                return remembered;
            }
            throw new UsageException("choose how to prove control of the names: --standalone, --webroot -w DIR,"
                    + " or --manual --manual-auth-hook CMD");
        }
        Kind kind = kind();
        List<String> types = challengeTypes(kind);
        return switch (kind) {
            case STANDALONE -> new AuthenticatorSpec(kind, http01Address, http01Port, Map.of(), types, null, null);
            case WEBROOT -> new AuthenticatorSpec(kind, "", 80, webrootMap(workingDir), types, null, null);
            case MANUAL -> new AuthenticatorSpec(kind, "", 80, Map.of(), types, manualAuthHook, manualCleanupHook);
        };
    }

    private Kind kind() {
        int chosen = (standalone ? 1 : 0) + (webroot ? 1 : 0) + (manual ? 1 : 0);
        if (chosen > 1) {
            throw new UsageException("choose one of --standalone, --webroot and --manual");
        }
        if (standalone) {
            return Kind.STANDALONE;
        }
        if (manual || (manualAuthHook != null && !webroot)) {
            return Kind.MANUAL;
        }
        return Kind.WEBROOT;
    }

    private List<String> challengeTypes(Kind kind) {
        if (preferredChallenges == null) {
            return List.of("http-01");
        }
        List<String> types = new ArrayList<>();
        for (String token : preferredChallenges.split("[,\\s]+")) {
            String type = switch (token.strip().toLowerCase(Locale.ROOT)) {
                case "dns", "dns-01" -> "dns-01";
                case "http", "http-01" -> "http-01";
                case "" -> null;
                default -> throw new UsageException("unsupported --preferred-challenges '" + token
                        + "'; use dns or http");
            };
            if (type != null && !types.contains(type)) {
                types.add(type);
            }
        }
        if (kind != Kind.MANUAL && !types.contains("http-01")) {
            throw new UsageException("--" + kind.label() + " answers http-01 only; dns-01 needs --manual"
                    + " with --manual-auth-hook");
        }
        return kind == Kind.MANUAL ? types : List.of("http-01");
    }

    private Map<String, Path> webrootMap(Path workingDir) {
        if (webroots.isEmpty()) {
            throw new UsageException("--webroot needs -w DIR, the document root that serves the names");
        }
        Map<String, Path> map = new LinkedHashMap<>();
        for (String domain : domains) {
            Path root = webrootOfDomain.getOrDefault(domain, webroots.get(0));
            map.put(domain, workingDir.resolve(root).toAbsolutePath().normalize());
        }
        return map;
    }
}
