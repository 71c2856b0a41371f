package dev.vacme.client.deploy;

import dev.vacme.client.ErrorText;
import dev.vacme.client.Reporter;
import dev.vacme.client.deploy.Endpoint.HostPort;
import dev.vacme.client.deploy.ServedCertificateVerifier.Check;
import dev.vacme.client.store.DeploymentSpec;
import dev.vacme.client.store.StoreException;
import dev.vacme.common.pki.Pem;
import dev.vacme.common.pki.PkiException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Installs one lineage version with its installer and proves it is served: install (backing up
 * every file changed), config test, reload, then a TLS handshake per endpoint. When a step fails
 * it restores every changed file, reloads again so the target is back at its last good state
 * (unless nothing was changed or reloaded yet), and reports exactly what failed; the lineage
 * itself is not touched (its new version stays current).
 */
public final class Deployer {

    private final InstallerRegistry registry;
    private final InstallerContext context;
    private final ServedCertificateVerifier verifier;
    private final Reporter reporter;

    /** Creates the deployer. */
    public Deployer(InstallerRegistry registry, InstallerContext context, ServedCertificateVerifier verifier,
            Reporter reporter) {
        this.registry = registry;
        this.context = context;
        this.verifier = verifier;
        this.reporter = reporter;
    }

    /** Returns the installer registry. */
    public InstallerRegistry registry() {
        return registry;
    }

    /**
     * Deploys a lineage version as its deployment settings say; never throws for a failed step.
     *
     * @throws StoreException when the remembered installer settings are invalid (nothing was changed)
     */
    public DeployResult deploy(DeploymentSpec spec, Deployment deployment) {
        Installer installer = installer(spec);
        String name = spec.installer() == null ? null : spec.installer().name();
        Backup backup = new Backup();
        DeployException.Step step = DeployException.Step.INSTALL;
        try {
            if (installer != null) {
                installer.install(deployment, backup);
                step = DeployException.Step.CONFIG_TEST;
                installer.configTest();
                step = DeployException.Step.RELOAD;
                installer.reload();
            }
            step = DeployException.Step.VERIFY;
            List<Check> checks = verify(installer, spec, deployment);
            List<String> problems = checks.stream().filter(c -> !c.matches()).map(Check::problem).toList();
            if (!problems.isEmpty()) {
                throw new DeployException(step, String.join("\n", problems));
            }
            reporter.verbose(deployment.name() + ": " + checks.size() + " endpoint(s) serve the live certificate");
            return new DeployResult(name, backup.files(), checks, null);
        } catch (DeployException e) {
            return new DeployResult(name, backup.files(), List.of(), failure(installer, backup, e, step));
        } catch (RuntimeException e) {
            // An installer's own bug must not leave the target half-changed either.
            DeployException wrapped = new DeployException(step, ErrorText.of(e) == null ? e.toString() : ErrorText.of(e),
                    e);
            return new DeployResult(name, backup.files(), List.of(), failure(installer, backup, wrapped, step));
        }
    }

    /**
     * Checks, changing nothing, whether the lineage's endpoints serve the live certificate
     * ({@code vacme verify}).
     *
     * @throws StoreException when the remembered installer settings are invalid
     */
    public List<Check> verify(DeploymentSpec spec, Deployment deployment) {
        return verify(installer(spec), spec, deployment);
    }

    /**
     * Describes what deploying would change, changing nothing; a configuration test runs on a
     * copy below {@code scratch}.
     *
     * @throws DeployException when the test of the copy fails
     */
    public List<String> preview(DeploymentSpec spec, Deployment deployment, Path scratch) {
        Installer installer = installer(spec);
        List<String> lines = new ArrayList<>(installer == null ? List.of() : installer.preview(deployment, scratch));
        for (Endpoint endpoint : endpoints(installer, spec, deployment)) {
            lines.add("check that " + endpoint.describe() + " serves live/" + deployment.name() + "/cert.pem");
        }
        return lines;
    }

    /** Returns the endpoints a deployment is checked at: the installer's and {@code --verify-served}. */
    public List<Endpoint> endpoints(DeploymentSpec spec, Deployment deployment) {
        return endpoints(installer(spec), spec, deployment);
    }

    private Installer installer(DeploymentSpec spec) {
        if (spec.installer() == null) {
            return null;
        }
        return registry.require(spec.installer().name()).create(spec.installer(), context);
    }

    private List<Endpoint> endpoints(Installer installer, DeploymentSpec spec, Deployment deployment) {
        List<Endpoint> endpoints = new ArrayList<>(installer == null ? List.of() : installer.endpoints(deployment));
        for (String target : spec.verifyServed()) {
            HostPort hostPort = Endpoint.parse(target);
            Endpoint.forNames(hostPort, deployment.domains()).stream().filter(e -> !endpoints.contains(e))
                    .forEach(endpoints::add);
        }
        return endpoints;
    }

    private List<Check> verify(Installer installer, DeploymentSpec spec, Deployment deployment) {
        List<Endpoint> endpoints = endpoints(installer, spec, deployment);
        if (endpoints.isEmpty()) {
            return List.of();
        }
        return verifier.verify(endpoints, liveCertificate(deployment), "live/" + deployment.name() + "/cert.pem");
    }

    private static X509Certificate liveCertificate(Deployment deployment) {
        try {
            return Pem.readCertificate(Files.readString(deployment.live().cert(), StandardCharsets.US_ASCII));
        } catch (IOException | PkiException e) {
            throw new DeployException(DeployException.Step.VERIFY, "cannot read " + deployment.live().cert() + ": "
                    + ErrorText.of(e), e);
        }
    }

    /** Restores, reloads, and says what failed and what state the target was left in. */
    private String failure(Installer installer, Backup backup, DeployException cause, DeployException.Step step) {
        StringBuilder message = new StringBuilder(step.label() + " failed: " + cause.getMessage());
        if (installer == null) {
            return message.toString();
        }
        try {
            installer.restore(backup);
            if (!backup.isEmpty()) {
                message.append("\nrestored ").append(backup.files().size()).append(" file(s): ")
                        .append(String.join(", ", backup.files().stream().map(Path::toString).toList()));
            }
        } catch (RuntimeException e) {
            message.append("\nrestoring the previous files failed too: ").append(ErrorText.of(e));
        }
        boolean reloadAttempted = step == DeployException.Step.RELOAD || step == DeployException.Step.VERIFY;
        if (!reloadAttempted && backup.isEmpty()) {
            // Nothing was changed and nothing reloaded: the server still runs what it ran before.
            if (step == DeployException.Step.CONFIG_TEST) {
                message.append("\nno file had been changed, so nothing was restored or reloaded");
            }
            return message.toString();
        }
        try {
            installer.reload();
            message.append("\nreloaded with the previous configuration");
        } catch (RuntimeException e) {
            message.append("\nreloading the previous configuration failed too: ").append(ErrorText.of(e));
        }
        return message.toString();
    }
}
