package dev.vacme.client.cli;

import dev.vacme.client.Environment;
import dev.vacme.client.UsageException;
import dev.vacme.client.deploy.InstallerRegistry;
import dev.vacme.common.VacmeVersion;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code vacme} command and its global options, which are accepted before or after the verb
 * (as certbot accepts them): picocli's inherited scope binds them to this object either way.
 */
@Command(name = "vacme",
        mixinStandardHelpOptions = true,
        versionProvider = VacmeCommand.Version.class,
        description = "Obtains, renews and revokes TLS certificates from an ACME (RFC 8555) server,"
                + " the way certbot does.",
        footer = {"", "Exit codes: 0 success (also when nothing was due), 1 failure (also a failed installation,"
                + " hook or served-certificate check), 2 bad usage (also an unknown installer), 130/143 interrupted"
                + " by SIGINT/SIGTERM (after cleaning up)."})
public final class VacmeCommand implements Callable<Integer> {

    /** A verb: its name, as its {@code @Command} gives it, and its command class. */
    record Verb(String name, Class<?> type) {
    }

    /**
     * The verbs, in the order the help lists them. {@link VacmeCli} adds them itself rather than
     * through {@code @Command(subcommands)}, so that a run builds the picocli model of its own verb
     * only: reflecting over every verb's options was a third of a {@code renew} with nothing due.
     * The names are spelt out here so that choosing a verb reads no class's annotations
     * ({@code VerbSelectionTest} checks that they match).
     */
    static final List<Verb> VERB_TABLE = List.of(
            new Verb("register", RegisterCommand.class),
            new Verb("show-account", ShowAccountCommand.class),
            new Verb("update-account", UpdateAccountCommand.class),
            new Verb("unregister", UnregisterCommand.class),
            new Verb("certonly", CertonlyCommand.class),
            new Verb("run", RunCommand.class),
            new Verb("install", InstallCommand.class),
            new Verb("verify", VerifyCommand.class),
            new Verb("reconfigure", ReconfigureCommand.class),
            new Verb("renew", RenewCommand.class),
            new Verb("certificates", CertificatesCommand.class),
            new Verb("revoke", RevokeCommand.class),
            new Verb("delete", DeleteCommand.class));

    /**
     * The verbs whose every run talks to an ACME server before anything else of note: their runs
     * warm up JSON and TLS on a second thread while the command line is parsed
     * ({@link StartupWarmup}). Not {@code renew}, whose usual run finds nothing due and sends
     * nothing.
     */
    private static final Set<String> SERVER_VERBS = Set.of("register", "certonly", "run", "revoke",
            "update-account", "unregister", "show-account");

    /** Returns whether the arguments name a verb of {@link #SERVER_VERBS} (and no other verb). */
    static boolean talksToServerAtOnce(String... args) {
        String named = null;
        for (String arg : args) {
            for (Verb verb : VERB_TABLE) {
                if (verb.name().equals(arg)) {
                    if (named != null && !named.equals(arg)) {
                        return false;
                    }
                    named = arg;
                }
            }
        }
        return named != null && SERVER_VERBS.contains(named);
    }

    /** The verbs' command classes, in the order the help lists them. */
    static final List<Class<?>> VERBS = types(VERB_TABLE);

    private final Environment environment;
    private final InstallerRegistry installers;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--server", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "ACME directory URL (remembered per certificate and per account)")
    private String server;

    @Option(names = "--config-dir", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "Configuration directory (default: /etc/vacme as root, else"
                    + " $XDG_CONFIG_HOME/vacme or ~/.config/vacme)")
    private Path configDir;

    /** Read before picocli parses anything (see {@link CliIni}); declared for --help. */
    @Option(names = {"-c", "--config"}, scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "certbot-style configuration file of options (default: CONFIG/cli.ini when it exists)")
    private Path configFile;

    @Option(names = "--ca-bundle", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "PEM file of extra trust anchors for the ACME server's HTTPS, in addition to the"
                    + " system's")
    private Path caBundle;

    @Option(names = {"-n", "--non-interactive"}, scope = ScopeType.INHERIT,
            description = "Never ask; fail when an answer is missing")
    private boolean nonInteractive;

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT,
            description = "Print only errors (for cron)")
    private boolean quiet;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT, description = "Print details")
    private boolean verbose;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "Print results as JSON")
    private boolean json;

    /** certbot's working directory; vacme keeps no state outside the config directory. */
    @Option(names = "--work-dir", scope = ScopeType.INHERIT, hidden = true, paramLabel = "DIR")
    private Path workDir;

    /** certbot's log directory; vacme writes no log files (stdout and stderr only). */
    @Option(names = "--logs-dir", scope = ScopeType.INHERIT, hidden = true, paramLabel = "DIR")
    private Path logsDir;

    /** certbot's shortcut to Let's Encrypt's staging server; vacme has no default server to swap. */
    @Option(names = {"--staging", "--test-cert"}, scope = ScopeType.INHERIT, hidden = true)
    private boolean staging;

    @Option(names = "--issuance-timeout", scope = ScopeType.INHERIT, paramLabel = "SECONDS", defaultValue = "600",
            description = "How long one certificate's issuance (order, validation, finalize, download) may take"
                    + " (default: ${DEFAULT-VALUE})")
    private long issuanceTimeoutSeconds;

    /** certbot's fallback to part of the names; vacme's orders succeed or fail as a whole. */
    @Option(names = "--allow-subset-of-names", scope = ScopeType.INHERIT, hidden = true)
    private boolean allowSubsetOfNames;

    /** certbot's second lineage for the same names. */
    @Option(names = "--duplicate", scope = ScopeType.INHERIT, hidden = true)
    private boolean duplicate;

    /** certbot's OCSP Must-Staple extension. */
    @Option(names = "--must-staple", scope = ScopeType.INHERIT, hidden = true)
    private boolean mustStaple;

    /** certbot's choice among the server's alternate chains (RFC 8555 §7.4.2). */
    @Option(names = "--preferred-chain", scope = ScopeType.INHERIT, paramLabel = "ISSUER",
            description = "Prefer the server's alternate chain whose top certificate is issued by (or is) the CA"
                    + " with this common name; the default chain when none is (remembered)")
    private String preferredChain;

    /** Creates the command for an environment. */
    public VacmeCommand(Environment environment) {
        this(environment, new InstallerRegistry(List.of()));
    }

    /** Creates the command for an environment with the given installers. */
    public VacmeCommand(Environment environment, InstallerRegistry installers) {
        this.environment = environment;
        this.installers = installers;
    }

    /** {@code vacme} without a verb: the usage, on stderr as for any other usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(environment.err());
        return ExitCodes.USAGE;
    }

    /** Returns true when {@code -v} was given. */
    boolean verboseFlag() {
        return verbose && !quiet;
    }

    /** Returns the issuer whose chain {@code --preferred-chain} prefers, when given. */
    Optional<String> preferredChain() {
        return Optional.ofNullable(preferredChain);
    }

    /** Returns the environment. */
    Environment environment() {
        return environment;
    }

    /** Builds the context a verb runs in, from the global options. */
    CommandContext context() {
        return new CommandContext(environment, settings(), installers)
                .issuanceTimeout(Duration.ofSeconds(issuanceTimeoutSeconds));
    }

    GlobalSettings settings() {
        refuseUnsupported();
        if (staging) {
            throw new UsageException("vacme has no built-in staging server for --staging/--test-cert: give your CA's"
                    + " test directory with --server URL (Let's Encrypt's is"
                    + " https://acme-staging-v02.api.letsencrypt.org/directory)");
        }
        return new GlobalSettings(resolveConfigDir(), Optional.ofNullable(server).map(VacmeCommand::parseServer),
                Optional.ofNullable(caBundle).map(p -> environment.workingDir().resolve(p)), nonInteractive, quiet,
                verbose, json);
    }

    /** certbot flags vacme knows but does not support: each refused with why and what to do instead. */
    private void refuseUnsupported() {
        if (issuanceTimeoutSeconds < 1) {
            throw new UsageException("--issuance-timeout must be at least 1 second");
        }
        if (allowSubsetOfNames) {
            throw new UsageException("vacme does not support --allow-subset-of-names: an order succeeds or fails for"
                    + " all its names; leave out the names that cannot be validated (-d)");
        }
        if (duplicate) {
            throw new UsageException("vacme does not support --duplicate: give the second certificate for these names"
                    + " a name of its own with --cert-name NAME");
        }
        if (preferredChain != null && preferredChain.isBlank()) {
            throw new UsageException("--preferred-chain needs the common name of an issuer, such as \"ISRG Root X1\"");
        }
        if (mustStaple) {
            throw new UsageException("vacme does not support --must-staple: the extension is only useful with a CA"
                    + " that runs OCSP, and Vacme's CA does not");
        }
    }

    private Path resolveConfigDir() {
        if (configDir != null) {
            return environment.workingDir().resolve(configDir).normalize();
        }
        return defaultConfigDir(environment);
    }

    /** Returns the config directory when {@code --config-dir} is not given. */
    static Path defaultConfigDir(Environment environment) {
        if (environment.root()) {
            return Path.of("/etc/vacme");
        }
        Optional<String> xdg = environment.variable("XDG_CONFIG_HOME");
        if (xdg.isPresent()) {
            return Path.of(xdg.get(), "vacme");
        }
        return Path.of(environment.variable("HOME").orElseThrow(() -> new UsageException(
                "HOME is not set; give --config-dir DIR")), ".config", "vacme");
    }

    /**
     * Parses an ACME directory URL. Plain {@code http://} is refused here, before anything is sent:
     * ACME runs over HTTPS only (RFC 8555 §6.1), and against an HTTPS port it would fail later
     * with an obscure parser error.
     */
    static URI parseServer(String text) {
        try {
            URI uri = new URI(text);
            if ("http".equalsIgnoreCase(uri.getScheme())) {
                throw new UsageException("--server must be an https:// URL: ACME runs over HTTPS only (RFC 8555"
                        + " §6.1), not " + text);
            }
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                throw new UsageException("--server must be an https:// URL of an ACME directory, not " + text);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new UsageException("--server is not a valid URL: " + text);
        }
    }

    private static List<Class<?>> types(List<Verb> verbs) {
        Class<?>[] types = new Class<?>[verbs.size()];
        for (int i = 0; i < types.length; i++) {
            types[i] = verbs.get(i).type();
        }
        return List.of(types);
    }

    /** Supplies {@code --version} from the build. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"vacme " + VacmeVersion.describe()};
        }
    }
}
