package dev.vacme.client.cli;

import dev.vacme.client.deploy.DeployResult;
import dev.vacme.client.deploy.Deployment;
import dev.vacme.client.deploy.PostIssuance;
import dev.vacme.client.deploy.PostIssuance.Job;
import dev.vacme.client.deploy.PostIssuance.Outcome;
import dev.vacme.client.deploy.ServedCertificateVerifier;
import dev.vacme.client.deploy.ServedCertificateVerifier.Check;
import dev.vacme.client.hook.HookRunner;
import dev.vacme.client.store.DeploymentSpec;
import dev.vacme.client.store.HookSpec;
import dev.vacme.client.store.LineageStore;
import dev.vacme.client.store.RenewalConf;
import dev.vacme.common.VacmeVersion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Installs a lineage's live version as its deployment says, for {@code install}, {@code run} (when
 * the certificate is not due) and {@code verify --repair}, through the {@link PostIssuance}
 * sequence; and prints how a deployment went.
 */
final class Installation {

    private final CommandContext context;
    private final HookRunner runner;

    Installation(CommandContext context, HookRunner runner) {
        this.context = context;
        this.runner = runner;
    }

    /**
     * Remembers the deployment and installs the live version with it; a failure is printed,
     * rolled back and left pending. The caller holds the lock.
     *
     * @return the exit code
     */
    int installLive(String name, RenewalConf conf, DeploymentSpec deployment, HookSpec hooks) {
        LineageStore store = context.lineages();
        store.writeConf(name, conf.withDeployment(deployment), VacmeVersion.get());
        PostIssuance.Run run = context.postIssuance(runner).start();
        Outcome<Deployment> outcome = run.perform(new Job<>(name, conf.domains(), hooks,
                () -> PostIssuance.live(store, name, conf.domains()), d -> d, deployment));
        List<String> failures = new ArrayList<>(outcome.failures());
        failures.addAll(run.finish());
        failures.forEach(context.output()::error);
        context.output().jsonResult(report(outcome.obtained(), outcome.deployment(), failures));
        return ExitCodes.of(!failures.isEmpty());
    }

    /** Prints what installing the live version would change, changing nothing; returns it as JSON. */
    Map<String, Object> preview(String name, RenewalConf conf, DeploymentSpec deployment) {
        Deployment live = PostIssuance.live(context.lineages(), name, conf.domains());
        List<String> lines = context.postIssuance(runner).preview(name, conf.domains(), deployment);
        context.output().info("Dry run: installing " + name + " (version " + live.version() + ") would:"
                + (lines.isEmpty() ? " change nothing" : "\n  " + String.join("\n  ", lines))
                + "\nNothing was changed.");
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", name);
        json.put("dryRun", true);
        json.put("changes", lines);
        return json;
    }

    /**
     * Prints how a deployment went after its failures were printed as errors: a success summary only
     * when nothing failed, never under a success headline. Returns it as JSON, for the caller to print.
     */
    Map<String, Object> report(Deployment deployment, DeployResult result, List<String> failures) {
        Output output = context.output();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", deployment.name());
        json.put("version", deployment.version());
        if (result != null) {
            json.put("installer", result.installer());
            json.put("changed", result.changed().stream().map(Path::toString).toList());
            json.put("served", result.checks().stream().map(Installation::checkJson).toList());
        }
        json.put("failures", failures);
        json.put("failed", !failures.isEmpty());
        if (failures.isEmpty() && result != null) {
            StringBuilder text = new StringBuilder("Installed certificate " + deployment.name() + " (version "
                    + deployment.version() + ")" + (result.installer() == null ? "" : " with " + result.installer())
                    + ".");
            result.changed().forEach(file -> text.append("\n  changed ").append(file));
            result.checks().forEach(check -> text.append("\n  ").append(check.endpoint().describe())
                    .append(" serves it (").append(ServedCertificateVerifier.shortForm(check.served())).append(")"));
            output.info(text.toString());
        } else if (result != null && !result.succeeded()) {
            output.info("The installation of " + deployment.name() + " failed and was rolled back; live/"
                    + deployment.name() + "/ holds the new certificate, and the next 'vacme renew' installs it again.");
        }
        return json;
    }

    static Map<String, Object> checkJson(Check check) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("host", check.endpoint().host());
        json.put("port", check.endpoint().port());
        json.put("serverName", check.endpoint().serverName());
        json.put("served", check.served());
        json.put("expected", check.expected());
        json.put("matches", check.matches());
        if (!check.matches()) {
            json.put("problem", check.problem());
        }
        return json;
    }

}
