package dev.vacme.client.deploy.nginx;

import dev.vacme.client.ErrorText;
import dev.vacme.client.deploy.Backup;
import dev.vacme.client.deploy.DeployException.Step;
import dev.vacme.client.deploy.DeployException;
import dev.vacme.client.deploy.Deployment;
import dev.vacme.client.deploy.Endpoint;
import dev.vacme.client.deploy.Installer;
import dev.vacme.client.deploy.InstallerContext;
import java.nio.file.Path;
import java.util.List;

/**
 * Installs a lineage into nginx ({@code -i nginx}): the server blocks whose {@code server_name}
 * serves the certificate's names get {@code ssl_certificate} and {@code ssl_certificate_key}
 * pointing at {@code live/NAME/fullchain.pem} and {@code privkey.pem}, and a TLS listener where
 * they have none. Only the directives concerned change (comments and layout stay), every changed
 * file is backed up first and written atomically, and nothing is written when the configuration
 * already points at the lineage. The config test is {@code nginx -c CONF -t}, the reload
 * {@code nginx -c CONF -s reload}; the deployer then checks by TLS handshakes that each TLS
 * listener of those blocks serves the new certificate, which also waits out the graceful reload.
 */
public final class NginxInstaller implements Installer {

    private final NginxSettings settings;
    private final NginxControl control;
    private final InstallerContext context;

    /** Creates the installer for one lineage. */
    public NginxInstaller(NginxSettings settings, InstallerContext context) {
        this.settings = settings;
        this.context = context;
        this.control = new NginxControl(settings, context.commands(), context.verbose());
    }

    /** Returns the settings. */
    public NginxSettings settings() {
        return settings;
    }

    @Override
    public void install(Deployment deployment, Backup backup) {
        NginxPlan plan = plan(deployment, Step.INSTALL);
        if (plan.unchanged()) {
            context.verbose().accept("nginx: the configuration already points at live/" + deployment.name());
            return;
        }
        try {
            ConfigChanges.write(plan.config(), plan.edits().edits(), backup::protect);
        } catch (NginxException e) {
            throw new DeployException(Step.INSTALL, ErrorText.of(e), e);
        }
        plan.edits().changes().forEach(change -> context.verbose().accept("nginx: " + change));
    }

    @Override
    public void configTest() {
        try {
            control.configTest();
        } catch (NginxException e) {
            throw new DeployException(Step.CONFIG_TEST, ErrorText.of(e), e);
        }
    }

    @Override
    public void reload() {
        try {
            control.reload();
        } catch (NginxException e) {
            throw new DeployException(Step.RELOAD, ErrorText.of(e), e);
        }
    }

    @Override
    public List<Endpoint> endpoints(Deployment deployment) {
        return plan(deployment, Step.VERIFY).targets();
    }

    @Override
    public List<String> preview(Deployment deployment, Path scratch) {
        NginxPlan plan = plan(deployment, Step.INSTALL);
        if (plan.unchanged()) {
            return List.of("nginx: nothing to change, the configuration already points at live/" + deployment.name());
        }
        try {
            new NginxPreview(settings, control).test(plan, scratch);
        } catch (NginxException e) {
            throw new DeployException(Step.CONFIG_TEST, ErrorText.of(e), e);
        }
        return plan.edits().changes().stream().map(change -> "nginx: " + change).toList();
    }

    private NginxPlan plan(Deployment deployment, Step step) {
        try {
            return NginxPlan.of(settings, deployment.domains(), deployment.live().fullchain(),
                    deployment.live().privkey());
        } catch (NginxException e) {
            throw new DeployException(step, ErrorText.of(e), e);
        }
    }
}
