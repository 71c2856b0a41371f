package dev.vacme.server;

import dev.vacme.common.VacmeVersion;
import dev.vacme.server.admin.AdminCommand;
import dev.vacme.server.admin.CaCommand;
import dev.vacme.server.admin.EabCommand;
import dev.vacme.server.config.ConfigException;
import dev.vacme.server.config.CaKeyOptions;
import dev.vacme.server.config.ConfigLoader;
import dev.vacme.server.config.ServerConfig;
import dev.vacme.server.logging.LogFormats;
import dev.vacme.server.store.sqlite.SqliteDatabase;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Entry point of the Vacme ACME server: parses options, starts the server, prints how to use it. */
@Command(name = "vacme-server",
        mixinStandardHelpOptions = true,
        versionProvider = ServerMain.Version.class,
        subcommands = {AdminCommand.class, EabCommand.class, CaCommand.class},
        sortOptions = false,
        description = {
            "Runs the Vacme ACME (RFC 8555) certificate authority.",
            "With no options it keeps everything in ./vacme-data (an SQLite store and a CA generated on first "
                    + "start) and serves https://localhost:14000/directory.",
            "Every option can also be set in a YAML file given with --config, under its long name without the "
                    + "dashes (e.g. data-dir: /var/lib/vacme); the command line wins."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped normally", "1:failed while running", "2:bad configuration or start-up failure"})
public final class ServerMain implements Callable<Integer> {

    /** Exit code for bad configuration and start-up failures. */
    public static final int EXIT_CONFIG = 2;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML file with options (keys as the long option names)")
    private Path configFile;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where state lives (default: ./vacme-data)")
    private String dataDir;

    @Option(names = "--listen", paramLabel = "HOST:PORT", description = "Address to listen on (default: 127.0.0.1:14000)")
    private String listen;

    @Option(names = "--external-url", paramLabel = "URL",
            description = "Base URL clients use, for every URL the server emits and the JWS url check "
                    + "(behind a TLS-terminating proxy, e.g. https://acme.example.com)")
    private String externalUrl;

    @Option(names = "--plain-http", description = "Listen without TLS (only behind a TLS-terminating proxy)")
    private Boolean plainHttp;

    @Option(names = "--db", paramLabel = "URL",
            description = "PostgreSQL database, postgresql://user[:password]@host:port/database "
                    + "(default: the embedded SQLite file in the data directory)")
    private String db;

    @Option(names = "--http01-port", paramLabel = "N", description = "Port HTTP-01 validation connects to (default: 80)")
    private Integer http01Port;

    @Option(names = "--tls-alpn01-port", paramLabel = "N",
            description = "Port TLS-ALPN-01 validation connects to (default: 443)")
    private Integer tlsAlpn01Port;

    @Option(names = "--resolve", paramLabel = "PATTERN=ADDRESS",
            description = "Static name override for validation, repeatable; '*.test=127.0.0.1' matches every "
                    + "name below test")
    private List<String> resolve;

    @Option(names = "--dns-resolver", paramLabel = "HOST:PORT",
            description = "DNS server for validation (default: the system resolver)")
    private String dnsResolver;

    @Option(names = "--allow-validation-to", paramLabel = "CIDR",
            description = "Let validation connect to this network although it is loopback, link-local, multicast or "
                    + "unspecified, repeatable (e.g. 127.0.0.0/8 for local trials)")
    private List<String> allowValidationTo;

    @Option(names = "--challenges", paramLabel = "TYPE[,TYPE...]", split = ",",
            description = "Challenge types to offer, in order of preference: http-01, dns-01, tls-alpn-01 "
                    + "(default: all three; wildcard names get dns-01 only, IP addresses never get dns-01)")
    private List<String> challenges;

    @Option(names = "--caa-identity", paramLabel = "DOMAIN",
            description = "Issuer domain name that means this CA in CAA records, repeatable; given at least once, CAA "
                    + "is checked (RFC 8659, 8657) and a name whose CAA records name only other CAs is refused "
                    + "(default: CAA is not checked)")
    private List<String> caaIdentity;

    @Option(names = "--caa-recheck-after", paramLabel = "DURATION",
            description = "At finalize, check CAA again for validations older than this (default: 8h)")
    private String caaRecheckAfter;

    @Option(names = "--allowed-domains", paramLabel = "DOMAIN[,DOMAIN...]", split = ",",
            description = "Issue only for names at or under these domains (default: any name)")
    private List<String> allowedDomains;

    @Option(names = "--blocked-domains", paramLabel = "DOMAIN[,DOMAIN...]", split = ",",
            description = "Never issue for names at or under these domains")
    private List<String> blockedDomains;

    @Option(names = "--reserved-domains", paramLabel = "DOMAIN[,DOMAIN...]", split = ",",
            description = "Refuse names at or under these special-use domains unless allowed-domains covers them "
                    + "(default: localhost, invalid, local, onion, home.arpa, alt; \"\" for none)")
    private List<String> reservedDomains;

    @Option(names = "--public-suffix-list", paramLabel = "FILE",
            description = "The Public Suffix List: public suffixes are refused and registered domains counted by it "
                    + "(default: " + "/usr/share/publicsuffix/public_suffix_list.dat, Debian's publicsuffix package)")
    private String publicSuffixList;

    @Option(names = "--rate-limits", paramLabel = "NAME=COUNT/DURATION", split = ",",
            description = "Rate limits, e.g. new-orders-per-account=300/3h (in YAML: a rate-limits: mapping); "
                    + "exceeding one is 429 rateLimited with Retry-After (default: no limits)")
    private List<String> rateLimits;

    @Option(names = "--rate-limits-help-url", paramLabel = "URL",
            description = "Page explaining the rate limits, linked from rateLimited answers")
    private String rateLimitsHelpUrl;

    @Option(names = "--cert-validity", paramLabel = "DURATION", description = "Lifetime of issued certificates, e.g. 90d "
            + "or 36h (default: 90d)")
    private String certValidity;

    @Option(names = "--terms-of-service", paramLabel = "URL", description = "Terms new accounts must agree to")
    private String termsOfService;

    @Option(names = "--max-connections", paramLabel = "N",
            description = "Most connections the listener keeps open at once (default: 4096)")
    private Integer maxConnections;

    @Option(names = "--max-connections-per-address", paramLabel = "N",
            description = "Most connections one client address may keep open (default: 256)")
    private Integer maxConnectionsPerAddress;

    @Option(names = "--max-validations-per-host", paramLabel = "N",
            description = "Most validations of one host (or IP address) that run at once; more wait (default: 8)")
    private Integer maxValidationsPerHost;

    @Option(names = "--idle-timeout", paramLabel = "DURATION",
            description = "Close connections idle this long, e.g. 60s (default: 60s)")
    private String idleTimeout;

    @Option(names = "--admin-listen", paramLabel = "HOST:PORT",
            description = "Plain-HTTP listener for /health/live, /health/ready and /metrics (Prometheus), meant for "
                    + "localhost or a private network (default: off)")
    private String adminListen;

    @Option(names = "--recovery-window", paramLabel = "DURATION",
            description = "Fail an order or challenge left in processing this long by a crashed instance, at least "
                    + "15s (default: 5m)")
    private String recoveryWindow;

    @Option(names = "--default-profile", paramLabel = "NAME",
            description = "Certificate profile of orders that name none (default: tlsserver); define more under "
                    + "'profiles:' in the YAML file")
    private String defaultProfile;

    @Option(names = "--tlsclient-server-auth",
            description = "Let the built-in tlsclient profile's certificates also serve as TLS server certificates")
    private Boolean tlsclientServerAuth;

    @Option(names = "--require-eab",
            description = "Accept new accounts only with an external account binding (keys from 'vacme-server eab "
                    + "create')")
    private Boolean requireEab;

    @Option(names = "--revoke-on-account-deactivation",
            description = "When an account deactivates itself, revoke its unexpired certificates "
                    + "(reason cessationOfOperation); off by default")
    private Boolean revokeOnAccountDeactivation;

    @Option(names = "--log-format", paramLabel = "text|json",
            description = "Log lines on standard error as text or as one JSON object per line (default: text)")
    private String logFormat;

    @Option(names = "--audit-log", paramLabel = "FILE",
            description = "Append security events (accounts, orders, validations, issuance, revocation) to FILE as "
                    + "JSON lines; SIGHUP reopens it (default: off)")
    private String auditLog;

    @CommandLine.Mixin
    private CaKeyOptions caKeyOptions;

    @Option(names = "--intermediate-overlap", paramLabel = "DURATION",
            description = "How long an intermediate made by 'vacme-server ca rotate-intermediate' waits before it "
                    + "issues, for relying parties and caches to learn it; 0 = at once (default: 24h)")
    private String intermediateOverlap;

    @Option(names = "--pki-listen", paramLabel = "HOST:PORT",
            description = "Plain-HTTP listener relying parties fetch CRLs, OCSP answers and the issuer certificate "
                    + "from (default: off)")
    private String pkiListen;

    @Option(names = "--pki-url", paramLabel = "URL",
            description = "Base URL new certificates name for their CRL, OCSP responder and issuer (default: "
                    + "http://HOST:PORT of --pki-listen; without both, certificates name none)")
    private String pkiUrl;

    @Option(names = "--crl-validity", paramLabel = "DURATION",
            description = "From a CRL's thisUpdate to its nextUpdate; a new one is made when half has passed "
                    + "(default: 1d)")
    private String crlValidity;

    @Option(names = "--ocsp-validity", paramLabel = "DURATION",
            description = "How long an OCSP answer is valid and may be cached; it is signed again when half has "
                    + "passed (default: 1d)")
    private String ocspValidity;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits with its exit code. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new ServerMain()).execute(args));
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Optional<String> refused = caKeyOptions.refusal();
        if (refused.isPresent()) {
            return fail(err, refused.get());
        }
        ServerConfig config;
        try {
            config = ConfigLoader.load(Optional.ofNullable(configFile), commandLineValues(), System.getenv());
        } catch (ConfigException e) {
            return fail(err, e.getMessage());
        }
        LogFormats.apply(config.logFormat());
        // One connection renegotiating TLS again and again would keep a core busy; TLS 1.3 has none.
        System.setProperty("jdk.tls.rejectClientInitiatedRenegotiation", "true");
        SqliteDatabase.extractNativeLibraryUnder(config.dataDir());
        try {
            RunningServer server = VacmeServer.start(config, Clock.systemUTC(), new SecureRandom())
                    .toCompletionStage().toCompletableFuture().join();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "vacme-shutdown"));
            TerminationSignals.install(server::stop);
            HangupSignal.install(server::reopenLogFiles);
            printBanner(spec.commandLine().getOut(), server, config);
            StartupWarnings.of(config).forEach(warning -> err.println("vacme-server: warning: " + warning));
            err.flush();
            server.awaitStop();
            return 0;
        } catch (java.util.concurrent.CompletionException e) {
            return fail(err, StartupErrors.describe(e.getCause(), config));
        }
    }

    private Map<String, Object> commandLineValues() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("data-dir", dataDir);
        values.put("listen", listen);
        values.put("external-url", externalUrl);
        values.put("plain-http", plainHttp);
        values.put("db", db);
        values.put("http01-port", http01Port);
        values.put("tls-alpn01-port", tlsAlpn01Port);
        values.put("resolve", resolve);
        values.put("dns-resolver", dnsResolver);
        values.put("allow-validation-to", allowValidationTo);
        values.put("cert-validity", certValidity);
        values.put("terms-of-service", termsOfService);
        values.put("max-connections", maxConnections);
        values.put("max-connections-per-address", maxConnectionsPerAddress);
        values.put("max-validations-per-host", maxValidationsPerHost);
        values.put("idle-timeout", idleTimeout);
        values.put("admin-listen", adminListen);
        values.put("recovery-window", recoveryWindow);
        values.put("challenges", challenges);
        values.put("caa-identity", caaIdentity);
        values.put("caa-recheck-after", caaRecheckAfter);
        values.put("allowed-domains", allowedDomains);
        values.put("blocked-domains", blockedDomains);
        values.put("reserved-domains", reservedDomains);
        values.put("public-suffix-list", publicSuffixList);
        values.put("rate-limits", rateLimits);
        values.put("rate-limits-help-url", rateLimitsHelpUrl);
        values.put("default-profile", defaultProfile);
        values.put("tlsclient-server-auth", tlsclientServerAuth);
        values.put("require-eab", requireEab);
        values.put("log-format", logFormat);
        values.put("audit-log", auditLog);
        caKeyOptions.putInto(values);
        values.put("intermediate-overlap", intermediateOverlap);
        values.put("pki-listen", pkiListen);
        values.put("pki-url", pkiUrl);
        values.put("crl-validity", crlValidity);
        values.put("ocsp-validity", ocspValidity);
        values.put("revoke-on-account-deactivation", revokeOnAccountDeactivation);
        return values;
    }

    private static void printBanner(PrintWriter out, RunningServer server, ServerConfig config) {
        out.println("Vacme ACME server " + VacmeVersion.get() + " is running.");
        out.println("  Directory:        " + server.directoryUrl());
        out.println("  Root certificate: " + server.rootCertificate());
        out.println("  Store:            " + server.storeDescription());
        config.pki().url().ifPresent(url -> out.println("  CRLs and OCSP:    " + url
                + (config.pki().listen().isPresent() ? "" : " (served by another instance)")));
        out.println("Point certbot at it with:");
        out.println("  REQUESTS_CA_BUNDLE=" + server.rootCertificate() + " certbot certonly --server "
                + server.directoryUrl() + " --standalone -d NAME");
        out.flush();
    }

    private static int fail(PrintWriter err, String message) {
        err.println("vacme-server: " + message);
        err.flush();
        return EXIT_CONFIG;
    }

    /** Supplies {@code --version} from the build. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"vacme-server " + VacmeVersion.describe()};
        }
    }
}
