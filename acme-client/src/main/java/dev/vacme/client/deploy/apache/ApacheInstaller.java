package dev.vacme.client.deploy.apache;

import dev.vacme.client.ErrorText;
import dev.vacme.client.deploy.Backup;
import dev.vacme.client.deploy.DeployException.Step;
import dev.vacme.client.deploy.DeployException;
import dev.vacme.client.deploy.Deployment;
import dev.vacme.client.deploy.Endpoint;
import dev.vacme.client.deploy.Installer;
import dev.vacme.client.hook.HookException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Installs a lineage into Apache httpd ({@code -i apache}): points every TLS VirtualHost whose
 * {@code ServerName}/{@code ServerAlias} matches a name of the certificate at
 * {@code live/NAME/fullchain.pem} and {@code privkey.pem}, and adds an HTTPS copy of a plain
 * VirtualHost that has no TLS sibling (see {@link SslPlanner}). The files keep pointing at
 * {@code live/NAME}, so a renewal changes no file and only reloads.
 */
final class ApacheInstaller implements Installer {

    private final ApacheSettings settings;
    private final ApacheControl control;
    private final Consumer<String> log;
    private boolean restored;

    /**
     * Creates the installer.
     *
     * @param settings where the configuration is and how to drive Apache
     * @param control  runs the control command
     * @param log      where verbose messages go
     */
    ApacheInstaller(ApacheSettings settings, ApacheControl control, Consumer<String> log) {
        this.settings = settings;
        this.control = control;
        this.log = log;
    }

    @Override
    public void install(Deployment deployment, Backup backup) {
        InstallPlan plan = plan(deployment);
        if (plan.edits().isEmpty()) {
            log.accept("Apache's configuration already points at live/" + deployment.name() + "; nothing to change");
            return;
        }
        plan.edits().descriptions().forEach(d -> log.accept("apache: " + d));
        ConfigChanges.apply(plan.edits(), backup, log);
    }

    @Override
    public void configTest() {
        ApacheControl.Outcome outcome = run(control::configTest, Step.CONFIG_TEST);
        if (!outcome.ok()) {
            throw new DeployException(Step.CONFIG_TEST, outcome.failure());
        }
    }

    @Override
    public void reload() {
        ApacheControl.Outcome outcome = run(control::reload, Step.RELOAD);
        if (!outcome.ok() && restored && outcome.notTested()) {
            // The test's output was reported with the failure that led here; say only what it means now.
            throw new DeployException(Step.RELOAD, "the restored configuration still fails Apache's test, so"
                    + " Apache was not reloaded and keeps running with the configuration it had loaded");
        }
        if (!outcome.ok()) {
            throw new DeployException(Step.RELOAD, outcome.failure());
        }
    }

    @Override
    public void restore(Backup backup) {
        restored = true;
        backup.restore();
    }

    @Override
    public List<Endpoint> endpoints(Deployment deployment) {
        return plan(deployment).endpoints();
    }

    @Override
    public List<String> preview(Deployment deployment, Path scratch) {
        InstallPlan plan = plan(deployment);
        if (plan.edits().isEmpty()) {
            return List.of("apache: the configuration already points at live/" + deployment.name());
        }
        new ConfigPreview(settings.serverRoot(), control).test(plan.edits(), scratch);
        return plan.edits().descriptions().stream().map(d -> "apache: " + d).toList();
    }

    private InstallPlan plan(Deployment deployment) {
        try {
            CertificateTarget target = new CertificateTarget(deployment.name(), deployment.domains(),
                    deployment.live().fullchain(), deployment.live().privkey());
            return new SslPlanner(ApacheConfig.load(settings.serverRoot()), settings.httpsPort()).plan(target);
        } catch (ApacheConfigException e) {
            throw new DeployException(Step.INSTALL, ErrorText.of(e), e);
        }
    }

    private static ApacheControl.Outcome run(Supplier<ApacheControl.Outcome> command, Step step) {
        try {
            return command.get();
        } catch (HookException e) {
            throw new DeployException(step, ErrorText.of(e), e);
        }
    }
}
