package dev.vacme.client.cli;

import dev.vacme.client.ErrorText;
import dev.vacme.client.deploy.Deployment;
import dev.vacme.client.deploy.PostIssuance;
import dev.vacme.client.deploy.ServedCertificateVerifier.Check;
import dev.vacme.client.hook.HookRunner;
import dev.vacme.client.revocation.LineageRevocation;
import dev.vacme.client.revocation.RevocationStatus;
import dev.vacme.client.store.CertificateFacts;
import dev.vacme.client.store.ConfigLock;
import dev.vacme.client.store.HookSpec;
import dev.vacme.client.store.LineageStore;
import dev.vacme.client.store.PendingDeployment;
import dev.vacme.client.store.RenewalConf;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code vacme verify}: for every lineage that is installed somewhere, connects to each endpoint and
 * checks that the served leaf is the live certificate; names each mismatch and each deployment still
 * pending, and exits 1 when there is any. Meant for monitoring. {@code --repair} installs the live
 * version again where it is not served (or its deployment is pending). {@code --check-revocation}
 * also asks each checked certificate's CA whether it is revoked (a revoked one is a problem).
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check that servers serve the live certificates; exit 1 naming each mismatch.")
final class VerifyCommand implements Callable<Integer> {

    @ParentCommand
    private VacmeCommand root;

    @Option(names = "--cert-name", paramLabel = "NAME", description = "Check only this certificate")
    private String certName;

    @Option(names = "--repair", description = "Install the live certificate again where it is not served")
    private boolean repair;

    @Option(names = "--check-revocation", description = "Also ask each checked certificate's OCSP responder (else"
            + " its CRL) whether it is revoked: a revoked one is a problem (and recorded, so renew replaces it), an"
            + " unknown status a warning")
    private boolean checkRevocation;

    /** One lineage's findings; {@code revocation} is null unless revocation was checked. */
    private record Finding(String name, List<Check> checks, PendingDeployment pending, String error,
            RevocationStatus revocation) {

        Finding(String name, List<Check> checks, PendingDeployment pending, String error) {
            this(name, checks, pending, error, null);
        }

        Finding withRevocation(RevocationStatus status) {
            return new Finding(name, checks, pending, error, status);
        }

        List<String> problems() {
            List<String> problems = new ArrayList<>();
            if (error != null) {
                problems.add(name + ": " + error);
            }

            if (pending != null) {
                problems.add(name + ": the installation of version " + pending.version() + " is pending since "
                        + pending.since() + " (" + pending.failure() + ")");
            }
            checks.stream().filter(c -> !c.matches()).forEach(c -> problems.add(name + ": " + c.problem()));
            return problems;
        }

        /** The revocation found, as a problem that installing again does not repair. */
        Optional<String> revoked() {
            return revocation != null && revocation.state() == RevocationStatus.State.REVOKED
                    ? Optional.of(name + ": the live certificate is " + revocation.revocation().describe()
                            + "; 'vacme renew' replaces it") : Optional.empty();
        }
    }

    @Override
    public Integer call() {
        CommandContext context = root.context();
        LineageStore store = context.lineages();
        List<String> names = certName == null ? store.names() : List.of(context.existingLineage(store, certName));
        HookRunner runner = context.hooks(HookRunner.DEFAULT_TIMEOUT);
        List<Finding> findings = new ArrayList<>();
        LineageRevocation revocations = checkRevocation ? context.revocationCheck() : null;
        for (String name : names) {
            check(context, runner, name).map(f -> revocations == null || f.error() != null ? f
                    : f.withRevocation(revocation(context, revocations, name))).ifPresent(findings::add);
        }
        findings.stream().filter(f -> f.revocation() != null && f.revocation().state() == RevocationStatus.State
                .UNKNOWN).forEach(f -> context.output().warn(f.name() + ": " + f.revocation().describe()));
        List<String> problems = new ArrayList<>();
        findings.forEach(f -> problems.addAll(f.problems()));
        List<String> repaired = new ArrayList<>();
        if (repair && !problems.isEmpty()) {
            problems.forEach(problem -> context.output().warn(problem + "; installing it again"));
            // Each installation checks what is served again: its outcome replaces these problems.
            problems.clear();
            repaired = repair(context, runner, findings);
        }
        findings.forEach(f -> f.revoked().ifPresent(problems::add));
        return print(context.output(), findings, problems, repaired);
    }

    private Optional<Finding> check(CommandContext context, HookRunner runner, String name) {
        RenewalConf conf;
        try {
            conf = context.lineages().readConf(name);
        } catch (RuntimeException e) {
            return Optional.of(new Finding(name, List.of(), null, ErrorText.of(e)));
        }
        if (!conf.deployment().deploys()) {
            context.output().verbose(name + ": not installed anywhere (no installer, no --verify-served)");
            return Optional.empty();
        }
        try {
            Deployment live = PostIssuance.live(context.lineages(), name, conf.domains());
            List<Check> checks = context.deployer(runner, Duration.ZERO).verify(conf.deployment(), live);
            if (checks.isEmpty()) {
                context.output().verbose(name + ": its installer names no endpoint to check; give --verify-served");
            }
            return Optional.of(new Finding(name, checks, conf.deployment().pending(), null));
        } catch (RuntimeException e) {
            return Optional.of(new Finding(name, List.of(), conf.deployment().pending(), ErrorText.of(e)));
        }
    }

    /** Checks a lineage's live certificate with its CA; a revocation recorded before counts as found. */
    private static RevocationStatus revocation(CommandContext context, LineageRevocation revocations, String name) {
        try {
            Optional<RevocationStatus> checked = revocations.check(name, context.environment().clock().instant());
            if (checked.isPresent()) {
                return checked.get();
            }
            CertificateFacts facts = context.lineages().readConf(name).certificate();
            return facts != null && facts.revoked() ? RevocationStatus.revoked(facts.revocation())
                    : RevocationStatus.unknown("not checked: the live certificate has expired");
        } catch (RuntimeException e) {
            return RevocationStatus.unknown(ErrorText.of(e));
        }
    }

    /** Installs again each lineage with a problem; returns the names whose repair failed, prefixed. */
    private List<String> repair(CommandContext context, HookRunner runner, List<Finding> findings) {
        List<String> outcomes = new ArrayList<>();
        try (ConfigLock lock = context.lock()) {
            for (Finding finding : findings) {
                if (finding.problems().isEmpty()) {
                    continue;
                }
                RenewalConf conf = context.lineages().readConf(finding.name());
                // Deploy hooks are owed only when the installation itself had failed.
                HookSpec hooks = finding.pending() == null ? HookSpec.NONE
                        : new HookSpec(List.of(), List.of(), conf.hooks().deployHooks());
                int code = new Installation(context, runner).installLive(finding.name(), conf, conf.deployment(),
                        hooks);
                outcomes.add((code == ExitCodes.OK ? "repaired " : "could not repair ") + finding.name());
            }
        }
        return outcomes;
    }

    private int print(Output output, List<Finding> findings, List<String> problems, List<String> repaired) {
        problems.forEach(output::error);
        boolean failed = !problems.isEmpty() || repaired.stream().anyMatch(r -> r.startsWith("could not"));
        if (!repaired.isEmpty()) {
            output.info(String.join("\n", repaired));
        } else if (!failed) {
            long endpoints = findings.stream().mapToLong(f -> f.checks().size()).sum();
            List<String> unchecked = findings.stream().filter(f -> f.checks().isEmpty()).map(Finding::name).toList();
            output.info(findings.isEmpty() ? "No installed certificates to check."
                    : "All " + findings.size() + " installed certificate(s) are served (" + endpoints
                    + " endpoint(s) checked)." + (unchecked.isEmpty() ? "" : " Nothing tells where "
                    + String.join(", ", unchecked) + " is served: give --verify-served HOST:PORT to 'vacme install'"
                    + " or 'vacme reconfigure' to have it checked."));
        }
        List<Map<String, Object>> json = new ArrayList<>();
        for (Finding finding : findings) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", finding.name());
            entry.put("served", finding.checks().stream().map(Installation::checkJson).toList());
            entry.put("pendingVersion", finding.pending() == null ? null : finding.pending().version());
            if (finding.revocation() != null) {
                entry.put("revocation", finding.revocation().state().name().toLowerCase(Locale.ROOT));
                entry.put("revocationDetail", finding.revocation().describe());
            }
            List<String> all = new ArrayList<>(finding.problems());
            finding.revoked().ifPresent(all::add);
            entry.put("problems", all);
            json.add(entry);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("certificates", json);
        result.put("repaired", repaired);
        result.put("failed", failed);
        output.jsonResult(result);
        return ExitCodes.of(failed);
    }
}
