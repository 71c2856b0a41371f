package dev.vacme.client.cli;

import dev.vacme.client.UsageException;
import dev.vacme.client.store.ConfigLock;
import dev.vacme.client.store.DeploymentSpec;
import dev.vacme.client.store.LineageStore;
import dev.vacme.client.store.RenewalConf;
import dev.vacme.common.VacmeVersion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code vacme reconfigure --cert-name NAME}: changes how a lineage renews (authenticator, hooks,
 * installer, endpoints, server) without obtaining a certificate, as certbot 2.3's verb does, and
 * says what changed. Nothing is installed: the next renewal (or {@code vacme install}) uses it.
 */
@Command(name = "reconfigure", mixinStandardHelpOptions = true,
        description = "Change a certificate's remembered authenticator, hooks or installer without renewing it.")
final class ReconfigureCommand implements Callable<Integer>, InstallingCommand, AuthenticatingCommand {

    @ParentCommand
    private VacmeCommand root;

    @Mixin
    private AuthenticatorOptions authenticator;

    @Mixin
    private HookOptions hooks;

    @Mixin
    private DeployOptions deploy;

    @Option(names = "--cert-name", paramLabel = "NAME", required = true, description = "The certificate to change")
    private String certName;

    @Override
    public DeployOptions deployOptions() {
        return deploy;
    }

    @Override
    public AuthenticatorOptions authenticatorOptions() {
        return authenticator;
    }

    @Override
    public Integer call() {
        CommandContext context = root.context();
        LineageStore store = context.lineages();
        String name = context.existingLineage(store, certName);
        if (!authenticator.domains().isEmpty()) {
            throw new UsageException("reconfigure does not change a certificate's names; use certonly --cert-name "
                    + name + " -d NAME ... --expand");
        }
        Path workingDir = context.environment().workingDir();
        RenewalConf conf = store.readConf(name);
        RenewalConf changed = conf.withAuthenticator(authenticator.resolve(conf.authenticator(), workingDir,
                conf.domains())).withHooks(conf.hooks().overriddenBy(hooks.hooks()));
        if (deploy.anyGiven()) {
            changed = changed.withDeployment(deploy.resolve(conf.deployment(), name, workingDir, false));
        }
        if (context.settings().server().isPresent()) {
            changed = changed.withServer(context.settings().server().get());
        }
        List<String> changes = changes(conf, changed);
        if (!changes.isEmpty()) {
            try (ConfigLock lock = context.lock()) {
                store.writeConf(name, changed, VacmeVersion.get());
            }
        }
        context.output().info(changes.isEmpty() ? "Nothing changed for " + name + "."
                : "Changed how " + name + " renews (no certificate was obtained):\n  " + String.join("\n  ", changes));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", name);
        json.put("changes", changes);
        context.output().jsonResult(json);
        return ExitCodes.OK;
    }

    private static List<String> changes(RenewalConf before, RenewalConf after) {
        List<String> changes = new ArrayList<>();
        compare(changes, "server", before.server(), after.server());
        compare(changes, "authenticator", before.authenticator().kind().label(), after.authenticator().kind().label());
        if (before.authenticator().kind() == after.authenticator().kind()
                && !before.authenticator().equals(after.authenticator())) {
            changes.add("authenticator settings of " + after.authenticator().kind().label());
        }
        compare(changes, "pre-hooks", before.hooks().preHooks(), after.hooks().preHooks());
        compare(changes, "deploy hooks", before.hooks().deployHooks(), after.hooks().deployHooks());
        compare(changes, "post-hooks", before.hooks().postHooks(), after.hooks().postHooks());
        DeploymentSpec was = before.deployment();
        DeploymentSpec is = after.deployment();
        compare(changes, "installer", was.installer() == null ? "none" : was.installer().name(),
                is.installer() == null ? "none" : is.installer().name());
        if (was.installer() != null && is.installer() != null && was.installer().name().equals(is.installer().name())
                && !was.installer().equals(is.installer())) {
            changes.add("settings of the " + is.installer().name() + " installer: " + is.installer().settings());
        }
        compare(changes, "--verify-served", was.verifyServed(), is.verifyServed());
        return changes;
    }

    private static void compare(List<String> changes, String what, Object before, Object after) {
        if (!before.equals(after)) {
            changes.add(what + ": " + before + " -> " + after);
        }
    }
}
