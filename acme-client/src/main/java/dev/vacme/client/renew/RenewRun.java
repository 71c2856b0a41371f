package dev.vacme.client.renew;

import dev.vacme.client.ErrorText;
import dev.vacme.client.InterruptedRunException;
import dev.vacme.client.Reporter;
import dev.vacme.client.acme.AcmeSessions;
import dev.vacme.client.acme.Sleeper;
import dev.vacme.client.deploy.Deployment;
import dev.vacme.client.deploy.PostIssuance;
import dev.vacme.client.deploy.PostIssuance.Job;
import dev.vacme.client.deploy.PostIssuance.Outcome;
import dev.vacme.client.issue.Obtained;
import dev.vacme.client.renew.RenewReport.Entry;
import dev.vacme.client.store.AriWindow;
import dev.vacme.client.store.ConfigLayout;
import dev.vacme.client.store.ConfigLock;
import dev.vacme.client.store.HookSpec;
import dev.vacme.client.store.LineageStore;
import dev.vacme.client.store.RenewalConf;
import dev.vacme.client.store.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * One {@code renew} run over the lineages of a config directory.
 * <ol>
 *   <li>Decide locally, from the renewal configurations alone, which lineages are due or need
 *       their renewal information checked. When none does, stop: no delay, no lock, no network.</li>
 *   <li>Where renewal information is to be checked, fetch it (one GET each, under the config
 *       directory's lock) and decide again. When nothing is due now, stop: no delay.</li>
 *   <li>Unattended, wait a random delay of up to eight minutes before renewing.</li>
 *   <li>Take the lock (again); when another run holds it, say so and stop (exit 0: that run
 *       does the work), unless it has held it for longer than a run takes (an error), or this run was
 *       asked for explicitly, which waits for the lock for a while (see {@link #lock}).</li>
 *   <li>Renew each due lineage; one failure (of the renewal, of its renewal information, of a
 *       hook) does not stop the others, and the post-hooks always run. Each distinct pre-hook
 *       runs once before the first renewal that needs it, each deploy hook after its lineage's
 *       renewal, each distinct post-hook once at the end, with {@code RENEWED_DOMAINS} and
 *       {@code FAILED_DOMAINS} (all of it is {@link PostIssuance}). A failing deployment or
 *       deploy hook is reported as such: its lineage did renew.</li>
 *   <li>A lineage whose earlier deployment failed is installed again even when it is not due;
 *       that needs the lock but no ACME server, so such a run skips the random delay.</li>
 * </ol>
 */
public final class RenewRun {

    private final LineageStore store;
    private final Renewer renewer;
    private final AcmeSessions sessions;
    private final AriRefresher ari;
    private final PostIssuance sequence;
    private final Reporter reporter;
    private final Clock clock;
    private final Random random;
    private final Sleeper sleeper;
    private final String vacmeVersion;
    private final RenewalPolicy policy = new RenewalPolicy();

    /** How often a run waiting for the lock tries again. */

    /** Creates the run. */
    public RenewRun(LineageStore store, Renewer renewer, AcmeSessions sessions, AriRefresher ari,
            PostIssuance sequence, Reporter reporter, Clock clock, Random random, Sleeper sleeper, String vacmeVersion) {
        this.store = store;
        this.renewer = renewer;
        this.sessions = sessions;
        this.ari = ari;
        this.sequence = sequence;
        this.reporter = reporter;
        this.clock = clock;
        this.random = random;
        this.sleeper = sleeper;
        this.vacmeVersion = vacmeVersion;
    }

    /** A lineage as assessed: its configuration and decision, or why it could not be read. */
    private record Plan(String name, RenewalConf conf, RenewalDecision decision, String error) {

        boolean needsNetwork(RenewOptions options) {
            return error == null && (options.force() || options.dryRun()
                    || decision.verdict() != RenewalDecision.Verdict.NOT_DUE);
        }

        boolean due(RenewOptions options) {
            return error == null && (options.force() || options.dryRun() || decision.due());
        }

        boolean needsAriCheck(RenewOptions options) {
            return error == null && !options.force() && !options.dryRun()
                    && decision.verdict() == RenewalDecision.Verdict.CHECK_ARI;
        }

        /** A deployment that failed earlier and is retried even when nothing is due (never on a dry run). */
        boolean owesDeployment(RenewOptions options) {
            return error == null && !options.dryRun() && conf.deployment().pending() != null;
        }

        List<String> domains() {
            return conf == null ? List.of() : conf.domains();
        }
    }

    /** Runs; never throws for a lineage's failure, which the report records instead. */
    public RenewReport run(RenewOptions options) {
        RenewReport report = new RenewReport();
        List<String> names = options.certName() != null ? List.of(options.certName()) : store.names();
        List<Plan> plans = assess(names);
        if (plans.stream().noneMatch(plan -> plan.needsNetwork(options))) {
            if (plans.stream().anyMatch(plan -> plan.owesDeployment(options))) {
                redeployUnderLock(names, options, report);
            } else {
                finish(plans, report);
            }
            return report;
        }
        report.networkUsed();
        Map<String, Plan> ariFailures = new HashMap<>();
        if (plans.stream().anyMatch(plan -> plan.needsAriCheck(options))) {
            // One unauthenticated GET per lineage: cheap enough not to wait for, and it decides
            // whether there is anything to wait for at all.
            Optional<ConfigLock> lock = lock(options, report);
            if (lock.isEmpty()) {
                return report;
            }
            try (ConfigLock held = lock.get()) {
                plans = checkRenewalInfo(assess(names), options);
            }
            plans.stream().filter(plan -> plan.error() != null).forEach(plan -> ariFailures.put(plan.name(), plan));
            if (plans.stream().noneMatch(plan -> plan.due(options))) {
                if (plans.stream().anyMatch(plan -> plan.owesDeployment(options))) {
                    redeployUnderLock(names, options, report);
                } else {
                    finish(plans, report);
                }
                return report;
            }
        }
        renewAfterDelay(names, options, ariFailures, report);
        return report;
    }

    /**
     * Waits the random delay of an unattended run, then renews under the lock what is due then:
     * another run may have renewed while this one waited, so it decides again. A lineage whose
     * renewal information failed earlier in this run keeps that failure instead of asking again.
     */
    private void renewAfterDelay(List<String> names, RenewOptions options, Map<String, Plan> ariFailures,
            RenewReport report) {
        if (options.randomSleep()) {
            Duration delay = RandomDelay.pick(random);
            reporter.progress("waiting " + Durations.brief(delay) + " before renewing, to spread load;"
                    + " --no-random-sleep-on-renew skips this");
            sleeper.sleep(delay);
        }
        Optional<ConfigLock> lock = lock(options, report);
        if (lock.isEmpty()) {
            return;
        }
        try (ConfigLock held = lock.get()) {
            List<Plan> current = assess(names).stream().map(plan -> ariFailures.getOrDefault(plan.name(), plan))
                    .toList();
            renewDue(checkRenewalInfo(current, options), options, report);
        }
    }

    /**
     * Retries the deployments owed while nothing is due: no ACME server is contacted and there is no
     * random delay, since a deployment only talks to the local web server.
     */
    private void redeployUnderLock(List<String> names, RenewOptions options, RenewReport report) {
        Optional<ConfigLock> lock = lock(options, report);
        if (lock.isEmpty()) {
            return;
        }
        try (ConfigLock held = lock.get()) {
            renewDue(assess(names), options, report);
        }
    }

    /**
     * Takes the config directory's lock. When another run holds it, a plain run leaves the work
     * to that run (exit 0) unless it has held the lock for longer than a run takes, which is an
     * error naming it; a run asked for explicitly ({@code --cert-name}, {@code --force-renewal})
     * waits for the lock for a while, then fails.
     */
    private Optional<ConfigLock> lock(RenewOptions options, RenewReport report) {
        ConfigLayout layout = store.layout();
        Optional<ConfigLock> lock = ConfigLock.tryAcquire(layout, clock.instant());
        if (lock.isPresent()) {
            return lock;
        }
        if (!options.lockWait().isZero() && !options.lockWait().isNegative()) {
            return waitForLock(options, report);
        }
        ConfigLock.Holder holder = ConfigLock.holderRecord(layout);
        Optional<Duration> held = holder.since().map(since -> Duration.between(since, clock.instant()));
        if (held.isPresent() && held.get().compareTo(options.stuckAfter()) > 0) {
            String message = "another vacme run (pid " + holder.pid() + ") has held the lock on " + layout.root()
                    + " since " + holder.since().get() + " (" + Durations.brief(held.get()) + "), longer than a run"
                    + " takes (--stuck-lock-after " + options.stuckAfter().toSeconds() + "); nothing was renewed."
                    + " If that process is stuck, stop it";
            reporter.error(message);
            report.lockFailed(message);
        } else {
            reporter.info("another vacme run (pid " + holder.pid() + ") is renewing in " + layout.root()
                    + "; leaving the work to it");
            report.lockBusy();
        }
        return Optional.empty();
    }

    private Optional<ConfigLock> waitForLock(RenewOptions options, RenewReport report) {
        ConfigLockWait wait = new ConfigLockWait(store.layout(), clock, sleeper);
        Optional<ConfigLock> lock = wait.acquire(options.lockWait(), reporter::progress);
        if (lock.isEmpty()) {
            String message = wait.stillHeld(options.lockWait()) + "; nothing was renewed";
            reporter.error(message);
            report.lockFailed(message);
        }
        return lock;
    }

    private List<Plan> assess(List<String> names) {
        List<Plan> plans = new ArrayList<>();
        for (String name : names) {
            try {
                RenewalConf conf = store.readConf(name);
                plans.add(new Plan(name, conf, policy.decide(conf.certificate(), conf.ari(), clock.instant()), null));
            } catch (RuntimeException e) {
                stopIfInterrupted(e);
                plans.add(new Plan(name, null, null, message(e)));
            }
        }
        return plans;
    }

    private void finish(List<Plan> plans, RenewReport report) {
        for (Plan plan : plans) {
            if (plan.error() != null) {
                fail(report, plan.name(), plan.domains(), plan.error());
            } else {
                notDue(report, plan);
            }
        }
    }

    private List<Plan> checkRenewalInfo(List<Plan> plans, RenewOptions options) {
        List<Plan> checked = new ArrayList<>();
        for (Plan plan : plans) {
            checked.add(plan.needsAriCheck(options) ? checkRenewalInfo(plan) : plan);
        }
        return checked;
    }

    /**
     * Fetches one lineage's renewal information and decides again. Whatever goes wrong (the
     * server's trust cannot be set up, the recorded ARI id is invalid) fails this lineage only.
     */
    private Plan checkRenewalInfo(Plan plan) {
        RenewalConf conf = plan.conf();
        reporter.verbose(plan.name() + ": fetching renewal information");
        RenewalConf updated;
        try {
            updated = conf.withAri(ari.refresh(sessions.session(conf.server()), conf.certificate(), conf.ari()));
        } catch (RuntimeException e) {
            stopIfInterrupted(e);
            return new Plan(plan.name(), conf, null, "cannot check its renewal information: " + message(e));
        }
        try {
            store.writeConf(plan.name(), updated, vacmeVersion);
        } catch (StoreException e) {
            reporter.warn(e.getMessage());
        }
        return new Plan(plan.name(), updated, policy.decide(updated.certificate(), updated.ari(), clock.instant()),
                null);
    }

    private void renewDue(List<Plan> plans, RenewOptions options, RenewReport report) {
        PostIssuance.Run run = sequence.start();
        try {
            for (Plan plan : plans) {
                if (plan.error() != null) {
                    fail(report, plan.name(), plan.domains(), plan.error());
                } else if (plan.due(options)) {
                    renewOne(plan, options, run, report);
                } else if (plan.owesDeployment(options)) {
                    redeploy(plan, run, report);
                } else {
                    notDue(report, plan);
                }
            }
        } finally {
            // Also when interrupted: a post-hook typically starts again what a pre-hook stopped.
            run.finish().forEach(failure -> hookFailed(report, failure));
        }
    }

    private void renewOne(Plan plan, RenewOptions options, PostIssuance.Run run, RenewReport report) {
        RenewalConf conf = plan.conf().withHooks(plan.conf().hooks().overriddenBy(options.hooks()));
        if (options.server() != null) {
            conf = conf.withServer(options.server());
        }
        if (options.profile() != null) {
            conf = conf.withProfile(options.profile());
        }
        if (options.preferredChain() != null) {
            conf = conf.withPreferredChain(options.preferredChain());
        }
        try {
            conf = conf.withAuthenticator(options.authenticator().apply(conf.authenticator(), conf.domains()));
        } catch (RuntimeException e) {
            stopIfInterrupted(e);
            fail(report, plan.name(), conf.domains(), message(e));
            return;
        }
        RenewalConf wanted = conf;
        String why = options.force() ? "forced" : options.dryRun() ? "dry run" : plan.decision().reason();
        Outcome<Obtained> outcome;
        try {
            outcome = run.perform(new Job<>(plan.name(), conf.domains(), conf.hooks(), () -> {
                reporter.info((options.dryRun() ? "Simulating renewal of " : "Renewing ") + plan.name() + " (" + why
                        + ")");
                return renewer.renew(plan.name(), wanted, plan.conf().certificate(), options.dryRun());
            }, obtained -> obtained.dryRun() ? null : new Deployment(plan.name(), obtained.conf().domains(),
                    obtained.files(), obtained.facts().version()), conf.deployment()));
        } catch (RuntimeException e) {
            stopIfInterrupted(e);
            fail(report, plan.name(), conf.domains(), message(e));
            return;
        }
        Obtained obtained = outcome.obtained();
        if (options.dryRun()) {
            report.add(new Entry(plan.name(), conf.domains(), RenewReport.Outcome.SIMULATED,
                    "a certificate was issued and thrown away (dry run)", null));
            previewDeployment(plan.name(), conf, report);
            return;
        }
        report.add(new Entry(plan.name(), conf.domains(), RenewReport.Outcome.RENEWED,
                "version " + obtained.facts().version() + ", valid until " + obtained.facts().notAfter(), null));
        // The lineage did renew: a failing deployment or deploy hook is reported as such, not as a failed renewal.
        outcome.failures().forEach(failure -> hookFailed(report, failure));
    }

    /** On a dry run, says what installing the live version would change (a failed test of a copy fails). */
    private void previewDeployment(String name, RenewalConf conf, RenewReport report) {
        if (!conf.deployment().deploys()) {
            return;
        }
        try {
            List<String> lines = sequence.preview(name, conf.domains(), conf.deployment());
            reporter.info("Dry run: installing " + name + " would:" + (lines.isEmpty() ? " change nothing"
                    : "\n  " + String.join("\n  ", lines)));
        } catch (RuntimeException e) {
            stopIfInterrupted(e);
            hookFailed(report, name + ": the dry run of its installation failed: " + message(e));
        }
    }

    /** Installs the live version of a lineage whose earlier deployment failed; its deploy hooks follow. */
    private void redeploy(Plan plan, PostIssuance.Run run, RenewReport report) {
        RenewalConf conf = plan.conf();
        reporter.info("Installing " + plan.name() + " again (" + conf.deployment().pending().failure() + ")");
        Outcome<Deployment> outcome;
        try {
            outcome = run.perform(new Job<>(plan.name(), conf.domains(),
                    new HookSpec(List.of(), List.of(), conf.hooks().deployHooks()),
                    () -> PostIssuance.live(store, plan.name(), conf.domains()), deployment -> deployment,
                    conf.deployment(), false));
        } catch (RuntimeException e) {
            stopIfInterrupted(e);
            fail(report, plan.name(), conf.domains(), message(e));
            return;
        }
        if (outcome.succeeded()) {
            report.add(new Entry(plan.name(), conf.domains(), RenewReport.Outcome.DEPLOYED,
                    "version " + outcome.obtained().version() + " installed (its earlier deployment had failed)", null));
        } else {
            report.add(new Entry(plan.name(), conf.domains(), RenewReport.Outcome.FAILED,
                    String.join("; ", outcome.failures()), null));
            outcome.failures().forEach(reporter::error);
        }
    }

    private void hookFailed(RenewReport report, String message) {
        reporter.error(message);
        report.hookFailed(message);
    }

    private void notDue(RenewReport report, Plan plan) {
        RenewalDecision decision = plan.decision();
        report.add(new Entry(plan.name(), plan.conf().domains(), RenewReport.Outcome.NOT_DUE,
                "not due: renews " + decision.reason(), decision.renewAt()));
    }

    private void fail(RenewReport report, String name, List<String> domains, String message) {
        reporter.error("renewal of " + name + " failed: " + message);
        report.add(new Entry(name, domains, RenewReport.Outcome.FAILED, message, null));
    }

    /**
     * Lets an interruption through the catch blocks that record one lineage's failure and go on
     * with the next: a signal stops the whole run (its post-hooks still run, see {@link #renewDue}).
     */
    private static void stopIfInterrupted(RuntimeException e) {
        if (e instanceof InterruptedRunException interrupted) {
            throw interrupted;
        }
    }

    private static String message(RuntimeException e) {
        return ErrorText.of(e);
    }
}
