package dev.vacme.client.cli;

import dev.vacme.client.UsageException;
import dev.vacme.client.hook.HookRunner;
import dev.vacme.client.store.ConfigLock;
import dev.vacme.client.store.DeploymentSpec;
import dev.vacme.client.store.HookSpec;
import dev.vacme.client.store.LineageStore;
import dev.vacme.client.store.RenewalConf;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code vacme install --cert-name NAME -i INSTALLER}: installs a lineage's live certificate with an
 * installer, checks that it is served, and remembers the installer so that every renewal installs
 * the new version the same way. As with certbot's {@code install}, no hooks run.
 */
@Command(name = "install", mixinStandardHelpOptions = true,
        description = "Install an existing certificate onto a server (-i NAME) and remember it for renewals.")
final class InstallCommand implements Callable<Integer>, InstallingCommand {

    @ParentCommand
    private VacmeCommand root;

    @Mixin
    private DeployOptions deploy;

    @Option(names = "--cert-name", paramLabel = "NAME", required = true, description = "The certificate to install")
    private String certName;

    @Option(names = "--dry-run", description = "Show what would change (and test a changed copy of the"
            + " configuration where the installer can), changing nothing")
    private boolean dryRun;

    @Option(names = "--hook-timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "Kill an installer's command (config test, reload) that runs longer than this"
                    + " (default: ${DEFAULT-VALUE})")
    private long timeoutSeconds;

    @Override
    public DeployOptions deployOptions() {
        return deploy;
    }

    @Override
    public Integer call() {
        CommandContext context = root.context();
        LineageStore store = context.lineages();
        String name = context.existingLineage(store, certName);
        if (timeoutSeconds < 1) {
            throw new UsageException("--hook-timeout must be at least 1 second");
        }
        HookRunner runner = context.hooks(java.time.Duration.ofSeconds(timeoutSeconds));
        RenewalConf conf = store.readConf(name);
        DeploymentSpec deployment = deploy.resolve(conf.deployment(), name, context.environment().workingDir(), true);
        Installation installation = new Installation(context, runner);
        if (dryRun) {
            context.output().jsonResult(installation.preview(name, conf, deployment));
            return ExitCodes.OK;
        }
        try (ConfigLock lock = context.lock()) {
            return installation.installLive(name, conf, deployment, HookSpec.NONE);
        }
    }
}
