package dev.vacme.client.cli;

import dev.vacme.client.Environment;
import dev.vacme.client.UsageException;
import dev.vacme.client.VacmeException;
import dev.vacme.client.acme.AcmeSessions;
import dev.vacme.client.acme.Poller;
import dev.vacme.client.acme.TransportSettings;
import dev.vacme.client.deploy.Deployer;
import dev.vacme.client.deploy.InstallerContext;
import dev.vacme.client.deploy.InstallerRegistry;
import dev.vacme.client.deploy.PostIssuance;
import dev.vacme.client.deploy.ServedCertificateVerifier;
import dev.vacme.client.hook.HookRunner;
import dev.vacme.client.hook.LifecycleHooks;
import dev.vacme.client.issue.AccountManager;
import dev.vacme.client.issue.Issuer;
import dev.vacme.client.issue.LineageIssuer;
import dev.vacme.client.renew.AriRefresher;
import dev.vacme.client.renew.LineageRenewer;
import dev.vacme.client.revocation.LineageRevocation;
import dev.vacme.client.revocation.RevocationChecker;
import dev.vacme.client.store.AccountStore;
import dev.vacme.client.store.ConfigLayout;
import dev.vacme.client.renew.ConfigLockWait;
import dev.vacme.client.store.ConfigLock;
import dev.vacme.client.store.LineageNames;
import dev.vacme.client.store.LineageStore;
import dev.vacme.common.VacmeVersion;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The wiring of one command: builds the object graph from the environment and the global options,
 * lazily, so that a command that needs no network builds no HTTP client and a run with nothing
 * due stays cheap.
 */
public final class CommandContext {

    /** How long to wait for a TCP/TLS connection. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** How long one request may take. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final Environment environment;
    private final GlobalSettings settings;
    private final Output output;
    private final ConfigLayout layout;
    private AcmeSessions sessions;
    private InstallerRegistry installers;
    private Duration issuanceTimeout = Issuer.DEFAULT_TIMEOUT;

    /** Creates the context. */
    public CommandContext(Environment environment, GlobalSettings settings) {
        this(environment, settings, null);
    }

    /** Creates the context with the installer types known to the command line (null: discover them). */
    public CommandContext(Environment environment, GlobalSettings settings, InstallerRegistry installers) {
        this.installers = installers;
        this.environment = environment;
        this.settings = settings;
        this.output = new Output(environment.out(), environment.err(), settings.quiet(), settings.verbose(),
                settings.json());
        this.layout = new ConfigLayout(settings.configDir());
    }

    /** Sets the overall deadline of one issuance ({@code --issuance-timeout}); returns this context. */
    public CommandContext issuanceTimeout(Duration timeout) {
        this.issuanceTimeout = timeout;
        return this;
    }

    /** Returns the overall deadline of one issuance. */
    public Duration issuanceTimeout() {
        return issuanceTimeout;
    }

    /** Returns the environment. */
    public Environment environment() {
        return environment;
    }

    /** Returns the global settings. */
    public GlobalSettings settings() {
        return settings;
    }

    /** Returns the output. */
    public Output output() {
        return output;
    }

    /** Returns the prompter: interactive only on a terminal and without {@code -n}. */
    public Prompter prompter() {
        return new Prompter(environment.in(), environment.out(), environment.terminal() && !settings.nonInteractive());
    }

    /** Returns the config directory layout. */
    public ConfigLayout layout() {
        return layout;
    }

    /** Returns the lineage store. */
    public LineageStore lineages() {
        return new LineageStore(layout, output::warn);
    }

    /**
     * Returns the checked name of an existing lineage, for the commands that act on one.
     *
     * @throws UsageException when the name is invalid or no lineage has it
     */
    String existingLineage(LineageStore store, String certName) {
        String name = LineageNames.check(certName);
        if (!store.exists(name)) {
            throw new UsageException("there is no certificate named " + name + "; 'vacme certificates' lists them");
        }
        return name;
    }

    /** Returns the account store. */
    public AccountStore accountStore() {
        return new AccountStore(layout);
    }

    /** Returns the run's ACME sessions, one per server. */
    public synchronized AcmeSessions sessions() {
        if (sessions == null) {
            sessions = new AcmeSessions(environment.transports(), server -> new TransportSettings(caBundles(server),
                    CONNECT_TIMEOUT, REQUEST_TIMEOUT, userAgent()), environment.clock());
        }
        return sessions;
    }

    /**
     * Returns the extra trust anchors for one server: {@code --ca-bundle}, and the bundle
     * remembered with that server's account (not those of other servers). Read only when the run
     * first talks to the server.
     */
    private List<Path> caBundles(URI server) {
        List<Path> bundles = new ArrayList<>();
        settings.caBundle().ifPresent(bundles::add);
        accountStore().caBundle(server)
                .filter(remembered -> !bundles.contains(remembered) && Files.isReadable(remembered))
                .ifPresent(bundles::add);
        return bundles;
    }

    /** Returns the account manager. */
    public AccountManager accounts() {
        return new AccountManager(accountStore(), sessions(), environment.clock(), environment.random());
    }

    /** Returns a hook runner with the given timeout per command. */
    public HookRunner hooks(Duration timeout) {
        return new HookRunner(environment.variables(), timeout, environment.workingDir());
    }

    /** Returns the installer types on the class path, by name. */
    public synchronized InstallerRegistry installers() {
        if (installers == null) {
            installers = InstallerRegistry.discovered();
        }
        return installers;
    }

    /** Returns the deployer, running installer commands with the given runner. */
    public Deployer deployer(HookRunner commands) {
        return deployer(commands, ServedCertificateVerifier.DEFAULT_PATIENCE);
    }

    /**
     * Returns the deployer, whose served-certificate check retries a mismatch for {@code patience}
     * (zero for {@code verify}, which checks a server that was not just reloaded).
     */
    public Deployer deployer(HookRunner commands, Duration patience) {
        InstallerContext installerContext = new InstallerContext(commands, environment.clock(), environment.sleeper(),
                output::verbose, environment.workingDir());
        return new Deployer(installers(), installerContext, new ServedCertificateVerifier(
                ServedCertificateVerifier.DEFAULT_TIMEOUT, patience,
                environment.clock(), environment.sleeper()), output);
    }

    /** Returns the post-issuance sequence, running hooks and installer commands with the given runner. */
    public PostIssuance postIssuance(HookRunner commands) {
        return new PostIssuance(new LifecycleHooks(commands, output::verbose), deployer(commands), lineages(), output,
                environment.clock(), VacmeVersion.get());
    }

    /** Returns the poller. */
    public Poller poller() {
        return new Poller(environment.clock(), environment.sleeper());
    }

    /** Returns the renewal-information refresher. */
    public AriRefresher ariRefresher() {
        return new AriRefresher(environment.clock(), environment.random(), environment.sleeper(), output::warn);
    }

    /**
     * Returns the revocation check of live certificates (OCSP, else CRL, as each certificate names
     * them), which records a revocation found in the lineage.
     */
    public LineageRevocation revocationCheck() {
        return new LineageRevocation(lineages(), new RevocationChecker(environment.clock(), environment.random(),
                userAgent(), RevocationChecker.DEFAULT_BUDGET), output::warn, VacmeVersion.get());
    }

    private static String userAgent() {
        return "vacme/" + VacmeVersion.get() + " Java/" + Runtime.version().feature();
    }

    /** Returns the renewer of lineages, running hooks with the given runner. */
    public LineageRenewer renewer(HookRunner hooks) {
        LineageIssuer issuer = new LineageIssuer(lineages(), poller(), environment.clock(), environment.random(),
                issuanceTimeout, VacmeVersion.get(), output::verbose, output::warn);
        return new LineageRenewer(lineages(), accounts(), issuer, ariRefresher(), hooks, output, VacmeVersion.get());
    }

    /**
     * Picks the ACME server: {@code --server}, else the one remembered (by a lineage), else the
     * only server this config directory has an account at.
     *
     * @throws UsageException when none of these gives exactly one server
     */
    public URI server(Optional<URI> remembered) {
        if (settings.server().isPresent()) {
            return settings.server().get();
        }
        if (remembered.isPresent()) {
            return remembered.get();
        }
        List<URI> known = accountStore().servers();
        if (known.size() == 1) {
            return known.get(0);
        }
        throw new UsageException(known.isEmpty()
                ? "which ACME server? Give --server URL (its directory URL)"
                : "this config directory has accounts at several servers (" + known + "); give --server URL");
    }

    /**
     * Takes the config directory's lock for a command that changes lineages.
     *
     * @throws dev.vacme.client.VacmeException when another run holds it
     */
    public ConfigLock lock() {
        return ConfigLock.tryAcquire(layout).orElseThrow(() -> new VacmeException(
                "another vacme run (pid " + ConfigLock.holder(layout).orElse("?") + ") is working in "
                        + layout.root() + "; try again when it has finished"));
    }

    /**
     * Takes the config directory's lock, waiting up to {@code wait} (saying so on stderr unless
     * quiet) while another run holds it.
     *
     * @throws dev.vacme.client.VacmeException naming the holder when it still holds the lock after {@code wait}
     */
    public ConfigLock lock(Duration wait) {
        ConfigLockWait waiter = new ConfigLockWait(layout, environment.clock(), environment.sleeper());
        return waiter.acquire(wait, output::progress).orElseThrow(() -> new VacmeException(
                waiter.stillHeld(wait) + "; nothing was changed"));
    }
}
