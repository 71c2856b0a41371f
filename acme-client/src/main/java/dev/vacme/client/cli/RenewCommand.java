package dev.vacme.client.cli;

import dev.vacme.client.UsageException;
import dev.vacme.client.VacmeException;
import dev.vacme.client.hook.HookDirectories;
import dev.vacme.client.hook.HookRunner;
import dev.vacme.client.renew.AuthenticatorOverride;
import dev.vacme.client.renew.RenewOptions;
import dev.vacme.client.renew.RenewReport;
import dev.vacme.client.renew.RenewReport.Outcome;
import dev.vacme.client.renew.RenewRun;
import dev.vacme.client.revocation.LineageRevocation;
import dev.vacme.client.revocation.RevocationStatus;
import dev.vacme.client.store.LineageNames;
import dev.vacme.common.VacmeVersion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code vacme renew}: renews every lineage that is due and nothing else; see {@link RenewRun}.
 * Hook and authenticator options given here apply to every lineage renewed in this run and are
 * remembered by those that renew, as with certbot.
 * Meant for cron or a systemd timer, as often as hourly: a run with nothing due reads only the
 * renewal configurations and exits 0 without contacting any server.
 */
@Command(name = "renew", mixinStandardHelpOptions = true,
        description = "Renew the certificates that are due (run it from cron or a timer).")
final class RenewCommand implements Callable<Integer>, AuthenticatingCommand {

    @ParentCommand
    private VacmeCommand root;

    @Mixin
    private HookOptions hooks;

    @Mixin
    private AuthenticatorOptions authenticator;

    @Mixin
    private ProfileOptions profile;

    @Option(names = "--cert-name", paramLabel = "NAME", description = "Renew only this lineage")
    private String certName;

    @Option(names = {"--force-renewal", "--renew-by-default"}, description = "Renew even when not due")
    private boolean forceRenewal;

    @Option(names = "--dry-run", description = "Obtain certificates from the server for every selected lineage"
            + " but store nothing and run no deploy hook")
    private boolean dryRun;

    @Option(names = "--no-directory-hooks", description = "Do not run the executables in CONFIG/renewal-hooks/"
            + "{pre,deploy,post}/")
    private boolean noDirectoryHooks;

    @Option(names = "--no-random-sleep-on-renew", description = "Do not wait a random delay (up to 8 minutes)"
            + " before contacting the server when not run from a terminal")
    private boolean noRandomSleep;

    @Option(names = "--lock-timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "With --cert-name or --force-renewal: how long to wait for another run's lock before"
                    + " failing (default: ${DEFAULT-VALUE}). A plain renew leaves the work to the other run instead")
    private long lockTimeoutSeconds;

    @Option(names = "--stuck-lock-after", paramLabel = "SECONDS", defaultValue = "3600",
            description = "A plain renew finding another run holding the lock for longer than this reports it"
                    + " as stuck and exits 1 (default: ${DEFAULT-VALUE})")
    private long stuckLockAfterSeconds;

    @Option(names = "--check-revocation", description = "First ask each live certificate's OCSP responder (else"
            + " its CRL) whether it is revoked; a revoked one is recorded and renewed now. Off by default: it"
            + " contacts every CA even when nothing is due")
    private boolean checkRevocation;

    @Override
    public AuthenticatorOptions authenticatorOptions() {
        return authenticator;
    }

    @Override
    public Integer call() {
        if (!authenticator.domains().isEmpty()) {
            throw new UsageException("renew renews whole lineages and takes no -d; to change a certificate's names,"
                    + " use certonly --cert-name NAME -d NAME ... --expand");
        }
        authenticator.validate();
        if (lockTimeoutSeconds < 1 || stuckLockAfterSeconds < 1) {
            throw new UsageException((lockTimeoutSeconds < 1 ? "--lock-timeout" : "--stuck-lock-after")
                    + " must be at least 1 second");
        }
        CommandContext context = root.context();
        if (checkRevocation) {
            checkRevocation(context);
        }
        HookRunner runner = context.hooks(hooks.timeout());
        var environment = context.environment();
        RenewRun run = new RenewRun(context.lineages(), context.renewer(runner), context.sessions(),
                context.ariRefresher(), noDirectoryHooks ? context.postIssuance(runner)
                        : context.postIssuance(runner).withDirectoryHooks(HookDirectories.under(context.layout().root())),
                context.output(), environment.clock(), environment.random(),
                environment.sleeper(), VacmeVersion.get());
        // A run asked for explicitly has a person waiting: no random delay, and it waits for the lock
        // rather than leaving the work to a run that may not do this particular work.
        boolean explicit = certName != null || forceRenewal;
        boolean randomSleep = !noRandomSleep && !environment.terminal() && !explicit;
        RenewReport report = run.run(new RenewOptions(certName == null ? null : LineageNames.check(certName),
                forceRenewal, dryRun, randomSleep, hooks.hooks(), context.settings().server().orElse(null),
                authenticatorOverride(context), profile.given() ? profile.resolve(null) : null,
                root.preferredChain().orElse(null),
                explicit ? Duration.ofSeconds(lockTimeoutSeconds) : Duration.ZERO,
                Duration.ofSeconds(stuckLockAfterSeconds)));
        print(context.output(), report);
        explainWhatWasRemembered(context.output(), report);
        return ExitCodes.of(report.hasFailures());
    }

    /**
     * Asks the CA of each selected lineage whether its certificate is revoked; one found revoked is
     * recorded, so the run below sees it due. An unknown status is a warning: it does not make the run fail.
     */
    private void checkRevocation(CommandContext context) {
        LineageRevocation checks = context.revocationCheck();
        List<String> names = certName != null ? List.of(LineageNames.check(certName)) : context.lineages().names();
        for (String name : names) {
            Optional<RevocationStatus> status;
            try {
                status = checks.check(name, context.environment().clock().instant());
            } catch (VacmeException e) {
                continue; // the run below reports a lineage it cannot read
            }
            status.ifPresent(found -> {
                switch (found.state()) {
                    case REVOKED -> context.output().warn(name + ": the certificate is " + found.revocation().describe()
                            + "; renewing it now");
                    case UNKNOWN -> context.output().warn(name + ": " + found.describe());
                    case GOOD -> context.output().verbose(name + ": " + found.describe());
                }
            });
        }
    }

    /**
     * Hooks and authenticator options given to renew are remembered only by the lineages that
     * renew (as with certbot); say so rather than drop them silently for the others.
     */
    private void explainWhatWasRemembered(Output output, RenewReport report) {
        if (dryRun || hooks.hooks().isEmpty() && !authenticator.anyGiven()) {
            return;
        }
        List<String> renewed = report.with(Outcome.RENEWED).stream().map(RenewReport.Entry::name).toList();
        List<String> others = report.entries().stream().map(RenewReport.Entry::name)
                .filter(name -> !renewed.contains(name)).toList();
        if (others.isEmpty()) {
            return;
        }
        output.info((renewed.isEmpty() ? "Nothing renewed, so the hook and authenticator options given were not"
                + " remembered (by " + String.join(", ", others) + ")."
                : "The hook and authenticator options given were remembered by " + String.join(", ", renewed)
                + " (renewed), not by " + String.join(", ", others) + ".")
                + " To change them without renewing, use 'vacme reconfigure --cert-name NAME' with the same options.");
    }

    private AuthenticatorOverride authenticatorOverride(CommandContext context) {
        if (!authenticator.anyGiven()) {
            return AuthenticatorOverride.NONE;
        }
        return (remembered, domains) -> authenticator.resolve(remembered, context.environment().workingDir(), domains);
    }

    private static void print(Output output, RenewReport report) {
        for (RenewReport.Entry entry : report.with(Outcome.NOT_DUE)) {
            output.verbose(entry.name() + ": " + entry.detail() + " (" + entry.next() + ")");
        }
        List<RenewReport.Entry> renewed = new ArrayList<>(report.with(Outcome.RENEWED));
        renewed.addAll(report.with(Outcome.SIMULATED));
        renewed.addAll(report.with(Outcome.DEPLOYED));
        List<RenewReport.Entry> failed = report.with(Outcome.FAILED);
        if (report.wasLockBusy()) {
            output.jsonResult(Map.of("lockBusy", true));
            return;
        }
        if (report.lockFailure().isPresent()) {
            output.jsonResult(Map.of("lockFailure", report.lockFailure().get(), "failed", true));
            return;
        }
        if (renewed.isEmpty() && failed.isEmpty()) {
            output.info(report.entries().isEmpty() ? "No certificates found." : "No renewals were attempted: "
                    + report.entries().size() + " certificate(s), none due.");
        }
        if (!renewed.isEmpty()) {
            // Never a success headline over a failure: a deployment or hook may have failed after renewing.
            StringBuilder text = new StringBuilder(!report.hasFailures()
                    ? "Congratulations, all renewals succeeded:" : "These renewals succeeded:");
            renewed.forEach(e -> text.append("\n  ").append(e.name()).append(": ").append(e.detail()));
            output.info(text.toString());
        }
        if (!failed.isEmpty()) {
            // Each failure was printed as an error when it happened; with -q that is all cron mails.
            StringBuilder text = new StringBuilder("These renewals failed (see the errors above):");
            failed.forEach(e -> text.append("\n  ").append(e.name()));
            output.info(text.toString());
        }
        if (!report.hookFailures().isEmpty()) {
            StringBuilder text = new StringBuilder("These deployments or hooks failed (see the errors above):");
            report.hookFailures().forEach(f -> text.append("\n  ").append(f.lines().findFirst().orElse(f)));
            output.info(text.toString());
        }
        output.jsonResult(json(report));
    }

    private static Map<String, Object> json(RenewReport report) {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (RenewReport.Entry entry : report.entries()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("name", entry.name());
            json.put("domains", entry.domains());
            json.put("outcome", entry.outcome().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            json.put("detail", entry.detail());
            if (entry.next() != null) {
                json.put("renewAt", entry.next().toString());
            }
            entries.add(json);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("certificates", entries);
        json.put("hookFailures", report.hookFailures());
        json.put("failed", report.hasFailures());
        return json;
    }
}
