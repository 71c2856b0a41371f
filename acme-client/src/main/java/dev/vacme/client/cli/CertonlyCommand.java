package dev.vacme.client.cli;

import dev.vacme.client.UsageException;
import dev.vacme.client.deploy.Deployment;
import dev.vacme.client.deploy.PostIssuance;
import dev.vacme.client.deploy.PostIssuance.Job;
import dev.vacme.client.deploy.PostIssuance.Outcome;
import dev.vacme.client.hook.HookRunner;
import dev.vacme.client.issue.Obtained;
import dev.vacme.client.renew.RenewalDecision;
import dev.vacme.client.renew.RenewalPolicy;
import dev.vacme.client.store.ConfigLock;
import dev.vacme.client.store.DeploymentSpec;
import dev.vacme.client.store.HookSpec;
import dev.vacme.client.store.LineageNames;
import dev.vacme.client.store.LineageStore;
import dev.vacme.client.store.PendingDeployment;
import dev.vacme.client.store.RenewalConf;
import dev.vacme.common.VacmeVersion;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code vacme certonly}: obtains a certificate for names and stores it as a lineage, registering
 * an account first when needed; the settings are remembered for {@code renew}. Running it again
 * for a lineage that is not due changes nothing unless {@code --force-renewal}; other names replace
 * the lineage's names only with {@code --expand} or a yes at the terminal.
 */
@Command(name = "certonly", mixinStandardHelpOptions = true,
        description = "Obtain a certificate and store it under live/NAME/.")
class CertonlyCommand implements Callable<Integer>, AuthenticatingCommand {

    @ParentCommand
    private VacmeCommand root;

    @Mixin
    private AuthenticatorOptions authenticator;

    @Mixin
    private KeyOptions key;

    @Mixin
    private ProfileOptions profile;

    @Mixin
    private HookOptions hooks;

    @Mixin
    private AccountOptions account;

    @Option(names = "--cert-name", paramLabel = "NAME", description = "Lineage name (default: the first -d)")
    private String certName;

    @Option(names = {"--force-renewal", "--renew-by-default"},
            description = "Obtain a new certificate even when the current one is not due")
    private boolean forceRenewal;

    @Option(names = "--expand", description = "Replace an existing certificate with one for a different set"
            + " of names (-d) without asking")
    private boolean expand;

    /** certbot's default behaviour, and vacme's: a certificate that is not due is kept. */
    @Option(names = {"--keep-until-expiring", "--keep"}, hidden = true)
    private boolean keepUntilExpiring;

    @Option(names = "--lock-timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "How long to wait for another run's lock on the config directory before failing"
                    + " (default: ${DEFAULT-VALUE})")
    private long lockTimeoutSeconds;

    @Option(names = "--dry-run", description = "Obtain a certificate from the server but store nothing and run"
            + " no deploy hook")
    private boolean dryRun;

    @Option(names = "--csr", paramLabel = "FILE", description = "Use this CSR (PEM or DER) instead of a new key;"
            + " the certificate is written to --cert-path etc. and not renewed automatically")
    private Path csr;

    @Option(names = "--cert-path", paramLabel = "FILE", description = "With --csr: where to write the certificate")
    private Path certPath;

    @Option(names = "--chain-path", paramLabel = "FILE", description = "With --csr: where to write the chain")
    private Path chainPath;

    @Option(names = "--fullchain-path", paramLabel = "FILE",
            description = "With --csr: where to write certificate and chain")
    private Path fullchainPath;

    /** certbot takes it with --csr (for the key's installation); the key stays where it is, vacme only needs the CSR. */
    @Option(names = "--key-path", hidden = true, paramLabel = "FILE")
    private Path keyPath;

    /** Directory hooks run on renew only, as with certbot, so there is nothing to turn off here. */
    @Option(names = "--no-directory-hooks", hidden = true)
    private boolean noDirectoryHooks;

    @Override
    public AuthenticatorOptions authenticatorOptions() {
        return authenticator;
    }

    @Override
    public Integer call() {
        if (lockTimeoutSeconds < 1) {
            throw new UsageException("--lock-timeout must be at least 1 second");
        }
        CommandContext context = root.context();
        if (csr != null && deployOptions() != null) {
            throw new UsageException("a certificate for a --csr is no lineage and cannot be installed; use"
                    + " 'vacme certonly --csr' and install its files yourself");
        }
        if (keyPath != null && csr == null) {
            throw new UsageException("--key-path goes with --csr (the CSR's key, which vacme leaves where it is);"
                    + " without --csr, vacme makes the key and writes it to live/NAME/privkey.pem");
        }
        if (csr != null) {
            return new CsrIssuance(context, authenticator, hooks, account, dryRun)
                    .preferringChain(root.preferredChain().orElse(null))
                    .run(csr, certPath, chainPath, fullchainPath);
        }
        List<String> domains = authenticator.domains();
        if (domains.isEmpty()) {
            throw new UsageException("give at least one name with -d NAME");
        }
        String name = certName != null ? LineageNames.check(certName) : LineageNames.defaultFor(domains);
        LineageStore store = context.lineages();
        RenewalConf existing = store.exists(name) ? store.readConf(name) : null;
        if (existing != null) {
            confirmNewNames(context, name, existing.domains(), domains);
        }
        RenewalConf conf = conf(context, name, domains, existing);
        if (existing != null && !forceRenewal && !dryRun && keepExisting(context, name, existing, conf)) {
            return deployOptions() == null ? ExitCodes.OK : installLive(context, name, conf);
        }
        new AccountSetup(context).ensure(conf.server(), account);
        return obtain(context, name, conf, existing);
    }

    /** How long to wait for another run's lock ({@code --lock-timeout}). */
    private Duration lockWait() {
        return Duration.ofSeconds(lockTimeoutSeconds);
    }

    /** Returns the deployment options of a command that installs ({@code run}), or null: certonly never installs. */
    DeployOptions deployOptions() {
        return null;
    }

    /** {@code run} with a certificate that is not due: installs the live one, as certbot does. */
    private int installLive(CommandContext context, String name, RenewalConf conf) {
        try (ConfigLock lock = context.lock(lockWait())) {
            return new Installation(context, context.hooks(hooks.timeout())).installLive(name, conf, conf.deployment(),
                    HookSpec.NONE);
        }
    }

    private RenewalConf conf(CommandContext context, String name, List<String> domains, RenewalConf existing) {
        Path workingDir = context.environment().workingDir();
        HookSpec remembered = existing == null ? HookSpec.NONE : existing.hooks();
        var authenticatorSpec = authenticator.resolve(existing == null ? null : existing.authenticator(), workingDir,
                domains);
        AuthenticatorOptions.checkWebroots(authenticatorSpec);
        var keySpec = key.resolve(existing == null ? null : existing.key());
        URI server = context.server(Optional.ofNullable(existing).map(RenewalConf::server));
        return new RenewalConf(server, domains, authenticatorSpec, keySpec,
                remembered.overriddenBy(hooks.hooks()),
                existing == null ? null : existing.certificate(),
                existing == null ? null : existing.ari(),
                deployment(context, name, existing),
                profile.resolve(existing == null ? null : existing.profile()),
                root.preferredChain().orElse(existing == null ? null : existing.preferredChain()));
    }

    /** certonly keeps what another command set up; run applies its deployment options over it. */
    private DeploymentSpec deployment(CommandContext context, String name, RenewalConf existing) {
        DeploymentSpec remembered = existing == null ? DeploymentSpec.NONE : existing.deployment();
        if (deployOptions() == null) {
            return remembered;
        }
        return deployOptions().resolve(remembered, name, context.environment().workingDir(), true);
    }

    /**
     * Changing the names of an existing lineage replaces its certificate with one for other names,
     * which may leave a site uncovered: as certbot does, vacme asks on a terminal and otherwise
     * needs {@code --expand}.
     *
     * @throws UsageException when the names differ and the change is not confirmed
     */
    private void confirmNewNames(CommandContext context, String name, List<String> current, List<String> wanted) {
        if (expand || new HashSet<>(current).equals(new HashSet<>(wanted))) {
            return;
        }
        List<String> added = wanted.stream().filter(n -> !current.contains(n)).toList();
        List<String> removed = current.stream().filter(n -> !wanted.contains(n)).toList();
        String change = "certificate " + name + " is for " + String.join(", ", current) + "; you asked for "
                + String.join(", ", wanted) + " (" + (added.isEmpty() ? "" : "adding " + String.join(", ", added))
                + (added.isEmpty() || removed.isEmpty() ? "" : ", ")
                + (removed.isEmpty() ? "" : "removing " + String.join(", ", removed)) + ")";
        if (context.prompter().interactive()
                && context.prompter().confirm(change + ". Replace it with a certificate for these names?", false)) {
            return;
        }
        throw new UsageException(change + ". To replace it with a certificate for these names, add --expand;"
                + " to keep it and obtain a separate certificate, give another --cert-name");
    }

    /** certbot's "Certificate not yet due for renewal": same names, same server, not due. */
    private boolean keepExisting(CommandContext context, String name, RenewalConf existing, RenewalConf wanted) {
        if (existing.certificate() == null || context.lineages().liveVersion(name).isEmpty()
                || !existing.domains().equals(wanted.domains()) || !existing.server().equals(wanted.server())) {
            return false;
        }
        RenewalDecision decision = new RenewalPolicy().decide(existing.certificate(), existing.ari(),
                context.environment().clock().instant());
        if (decision.due()) {
            return false;
        }
        context.output().info("Certificate " + name + " is not yet due for renewal (it renews " + decision.reason()
                + ", " + decision.renewAt() + "); nothing changed. Use --force-renewal to renew it now.");
        context.output().jsonResult(Map.of("name", name, "renewed", false, "renewAt",
                decision.renewAt().toString()));
        return true;
    }

    /**
     * Runs the post-issuance sequence for the lineage. certonly never installs (as in certbot);
     * a lineage that another command set up with an installer keeps its settings, and its new
     * version is recorded as a deployment owed, so the next {@code renew} installs it.
     */
    private int obtain(CommandContext context, String name, RenewalConf conf, RenewalConf existing) {
        HookRunner runner = context.hooks(hooks.timeout());
        PostIssuance.Run run = context.postIssuance(runner).start();
        List<String> failures = new ArrayList<>();
        try (ConfigLock lock = dryRun ? null : context.lock(lockWait())) {
            Outcome<Obtained> outcome = run.perform(new Job<>(name, conf.domains(), conf.hooks(),
                    () -> context.renewer(runner).renew(name, conf, existing == null ? null : existing.certificate(),
                            dryRun),
                    obtained -> obtained.dryRun() ? null : new Deployment(name, obtained.conf().domains(),
                            obtained.files(), obtained.facts().version()),
                    deployOptions() == null ? DeploymentSpec.NONE : conf.deployment()));
            Map<String, Object> json = report(context, outcome.obtained());
            failures.addAll(outcome.failures());
            if (deployOptions() == null) {
                owePendingDeployment(context, outcome.obtained());
            } else if (outcome.deployment() != null) {
                json.put("installation", new Installation(context, runner).report(new Deployment(name,
                        conf.domains(), context.lineages().liveFiles(name), outcome.obtained().facts().version()),
                        outcome.deployment(), outcome.failures()));
            } else if (dryRun && context.lineages().exists(name)) {
                json.put("installation", new Installation(context, runner).preview(name, conf, conf.deployment()));
            }
            context.output().jsonResult(json);
        } finally {
            failures.addAll(run.finish());
            failures.forEach(context.output()::error);
        }
        return ExitCodes.of(!failures.isEmpty());
    }

    private void owePendingDeployment(CommandContext context, Obtained obtained) {
        DeploymentSpec deployment = obtained.conf().deployment();
        if (obtained.dryRun() || !deployment.deploys()) {
            return;
        }
        context.lineages().writeConf(obtained.name(), obtained.conf().withDeployment(deployment.withPending(
                new PendingDeployment(obtained.facts().version(), "obtained by certonly, which does not install",
                        context.environment().clock().instant()))), VacmeVersion.get());
        context.output().info("certonly does not install: 'vacme renew' (or 'vacme install --cert-name "
                + obtained.name() + "') installs the new certificate with its remembered installer.");
    }

    /** Prints what was obtained and returns it as JSON, to be printed once the command is done. */
    private Map<String, Object> report(CommandContext context, Obtained obtained) {
        Output output = context.output();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", obtained.name());
        json.put("domains", obtained.conf().domains());
        json.put("dryRun", obtained.dryRun());
        json.put("serial", obtained.facts().serial());
        json.put("notAfter", obtained.facts().notAfter().toString());
        if (obtained.dryRun()) {
            output.info("The dry run was successful: the server issued a certificate for "
                    + String.join(", ", obtained.conf().domains()) + "; nothing was stored.");
            return json;
        }
        json.put("version", obtained.facts().version());
        json.put("cert", obtained.files().cert().toString());
        json.put("chain", obtained.files().chain().toString());
        json.put("fullchain", obtained.files().fullchain().toString());
        json.put("privkey", obtained.files().privkey().toString());
        output.info("Successfully received certificate.\n"
                + "Certificate is saved at: " + obtained.files().fullchain() + "\n"
                + "Key is saved at:         " + obtained.files().privkey() + "\n"
                + "This certificate expires on " + obtained.facts().notAfter().atOffset(ZoneOffset.UTC).toLocalDate()
                + ".\n"
                + "These files are updated when the certificate renews; run 'vacme renew' from cron or a systemd"
                + " timer to renew it when due.");
        return json;
    }
}
