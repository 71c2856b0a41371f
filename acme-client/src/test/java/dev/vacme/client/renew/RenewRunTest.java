package dev.vacme.client.renew;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vacme.client.InterruptedRunException;
import dev.vacme.client.Reporter;
import dev.vacme.client.UsageException;
import dev.vacme.client.VacmeException;
import dev.vacme.client.acme.AcmeSessions;
import dev.vacme.client.acme.TransportFactory;
import dev.vacme.client.acme.TransportSettings;
import dev.vacme.client.deploy.PostIssuance;
import dev.vacme.client.hook.HookDirectories;
import dev.vacme.client.hook.HookRunner;
import dev.vacme.client.issue.Obtained;
import dev.vacme.client.renew.RenewReport.Outcome;
import dev.vacme.client.store.AriWindow;
import dev.vacme.client.store.CertificateFacts;
import dev.vacme.client.store.ConfigLayout;
import dev.vacme.client.store.ConfigLock;
import dev.vacme.client.store.HookSpec;
import dev.vacme.client.store.RenewalConf;
import dev.vacme.client.testing.Lineages;
import dev.vacme.client.testing.RecordingSleeper;
import dev.vacme.client.testing.ScriptedTransport;
import dev.vacme.client.testing.Sequences;
import dev.vacme.common.testing.SettableClock;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenewRunTest {

    private static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");
    private static final Instant LONG_AGO = NOW.minus(Duration.ofDays(80));
    private static final Instant RECENT = NOW.minus(Duration.ofDays(1));

    @TempDir
    Path dir;

    private Path config;
    private Lineages lineages;
    private SettableClock clock;
    private RecordingSleeper sleeper;
    private ScriptedTransport transport;
    private final List<String> renewCalls = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private final List<String> events = new ArrayList<>();
    private final List<String> progress = new ArrayList<>();
    private Set<String> failing = Set.of();
    private String interruptedAt;
    private Path hookDir;
    private TransportFactory transports;
    private boolean directoryHooks;

    @BeforeEach
    void setUp() {
        config = dir.resolve("config");
        lineages = new Lineages(config);
        clock = new SettableClock(NOW);
        sleeper = RecordingSleeper.advancing(clock);
        transport = new ScriptedTransport();
        hookDir = dir;
        transports = settings -> transport;
    }

    private RenewReport run(boolean force, boolean dryRun, boolean randomSleep, HookSpec hooks) {
        return run(new RenewOptions(null, force, dryRun, randomSleep, hooks, null, null));
    }

    private RenewReport run(RenewOptions options) {
        Renewer renewer = (name, conf, previous, dry) -> {
            renewCalls.add(name + (dry ? " (dry run)" : ""));
            events.add("renew " + name + " at " + clock.instant());
            if (failing.contains(name)) {
                throw new VacmeException("validation failed for " + name);
            }
            if (name.equals(interruptedAt)) {
                throw new InterruptedRunException("while waiting", new InterruptedException());
            }
            return dry ? new Obtained(name, null, conf, previous, null, true) : lineages.renew(name, conf, NOW);
        };
        Reporter reporter = new Reporter() {
            @Override public void info(String message) { }
            @Override public void verbose(String message) { }
            @Override public void progress(String message) {
                progress.add(message);
            }
            @Override public void warn(String message) { }
            @Override public void error(String message) {
                errors.add(message);
            }
        };
        AcmeSessions sessions = new AcmeSessions(transports,
                server -> new TransportSettings(List.of(), Duration.ofSeconds(1), Duration.ofSeconds(1), "test"), clock);
        HookRunner hooksRunner = new HookRunner(System.getenv(), Duration.ofSeconds(20), hookDir);
        RenewRun run = new RenewRun(lineages.store(), renewer, sessions,
                new AriRefresher(clock, new Random(1), sleeper, reporter::warn),
                directoryHooks ? sequence(hooksRunner, reporter).withDirectoryHooks(HookDirectories.under(config))
                        : sequence(hooksRunner, reporter), reporter, clock,
                new Random(1), sleeper, "test");
        return run.run(options);
    }

    private PostIssuance sequence(HookRunner hooksRunner, Reporter reporter) {
        return Sequences.postIssuance(List.of(), lineages.store(), hooksRunner, reporter, clock, sleeper);
    }

    private String hook(String name) {
        return "printf '%s|%s|%s|%s\\n' \"" + name + "\" \"$RENEWED_LINEAGE\" \"$RENEWED_DOMAINS\" \"$FAILED_DOMAINS\" >> "
                + dir.resolve("hooks.log");
    }

    private List<String> hookLog() throws IOException {
        Path log = dir.resolve("hooks.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    @Test
    void nothingDueMeansNoDelayNoLockNoNetworkAndNoHooks() throws IOException {
        lineages.install("a.test", RECENT, RECENT.plus(Duration.ofDays(90)));
        lineages.install("b.test", RECENT, RECENT.plus(Duration.ofDays(6)));

        RenewReport report = run(false, false, true, new HookSpec(hook("pre"), hook("post"), hook("deploy")));

        assertThat(report.entries()).extracting(RenewReport.Entry::outcome).containsExactly(Outcome.NOT_DUE,
                Outcome.NOT_DUE);
        assertThat(report.entries().get(1).next()).isEqualTo(RECENT.plus(Duration.ofDays(3)));
        assertThat(report.hasFailures()).isFalse();
        assertThat(report.usedNetwork()).isFalse();
        assertThat(renewCalls).isEmpty();
        assertThat(sleeper.sleeps()).isEmpty();
        assertThat(transport.requests()).isEmpty();
        assertThat(config.resolve(".lock")).doesNotExist();
        assertThat(hookLog()).isEmpty();
    }

    @Test
    void hookDirectoriesRunInNameOrderBeforeEveryRepeatedHookOfTheirKind() throws IOException {
        lineages.install("a.test", LONG_AGO, LONG_AGO.plus(Duration.ofDays(90)));
        lineages.install("b.test", LONG_AGO, LONG_AGO.plus(Duration.ofDays(90)));
        for (String kind : List.of("pre", "deploy", "post")) {
            Path directory = Files.createDirectories(config.resolve("renewal-hooks").resolve(kind));
            for (String file : List.of("20-second", "10-first")) {
                Path script = directory.resolve(file);
                Files.writeString(script, "#!/bin/sh\n" + hook(kind + "-dir-" + file) + "\n");
                script.toFile().setExecutable(true);
            }
            Files.writeString(directory.resolve("30-not-executable"), "#!/bin/sh\nexit 1\n");
        }
        directoryHooks = true;

        RenewReport report = run(false, false, false, new HookSpec(List.of(hook("pre-1"), hook("pre-2")),
                List.of(hook("post-1")), List.of(hook("deploy-1"), hook("deploy-2"))));

        assertThat(report.hasFailures()).as(errors.toString()).isFalse();
        String a = config.resolve("live/a.test").toString();
        String b = config.resolve("live/b.test").toString();
        assertThat(hookLog()).containsExactly(
                "pre-dir-10-first|||", "pre-dir-20-second|||", "pre-1|||", "pre-2|||",
                "deploy-dir-10-first|" + a + "|a.test|", "deploy-dir-20-second|" + a + "|a.test|",
                "deploy-1|" + a + "|a.test|", "deploy-2|" + a + "|a.test|",
                "deploy-dir-10-first|" + b + "|b.test|", "deploy-dir-20-second|" + b + "|b.test|",
                "deploy-1|" + b + "|b.test|", "deploy-2|" + b + "|b.test|",
                "post-dir-10-first||a.test b.test|", "post-dir-20-second||a.test b.test|", "post-1||a.test b.test|");
    }

    @Test
    void oneFailingLineageDoesNotStopTheOthersAndHooksSeeCertbotsVariables() throws IOException {
        lineages.install("a.test", List.of("a.test", "www.a.test"), LONG_AGO, LONG_AGO.plus(Duration.ofDays(90)),
                HookSpec.NONE);
        lineages.install("b.test", LONG_AGO, LONG_AGO.plus(Duration.ofDays(90)));
        lineages.install("c.test", LONG_AGO, LONG_AGO.plus(Duration.ofDays(90)));
        lineages.install("d.test", RECENT, RECENT.plus(Duration.ofDays(90)));
        failing = Set.of("b.test");

        RenewReport report = run(false, false, false, new HookSpec(hook("pre"), hook("post"), hook("deploy")));

        assertThat(renewCalls).containsExactly("a.test", "b.test", "c.test");
        assertThat(report.entries()).extracting(e -> e.name() + " " + e.outcome()).containsExactly(
                "a.test RENEWED", "b.test FAILED", "c.test RENEWED", "d.test NOT_DUE");
        assertThat(report.hasFailures()).isTrue();
        assertThat(errors).containsExactly("renewal of b.test failed: validation failed for b.test");
        assertThat(hookLog()).containsExactly(
                "pre|||",
                "deploy|" + config.resolve("live/a.test") + "|a.test www.a.test|",
                "deploy|" + config.resolve("live/c.test") + "|c.test|",
                "post||a.test www.a.test c.test|b.test");
        assertThat(lineages.store().liveVersion("a.test")).hasValue(2);
        assertThat(lineages.store().liveVersion("b.test")).hasValue(1);
    }

    @Test
    void rememberedHooksRunAndAFailingPreHookFailsItsLineagesButNotThePostHook() throws IOException {
        HookSpec remembered = new HookSpec("exit 3", hook("post"), hook("deploy"));
        lineages.install("a.test", List.of("a.test"), LONG_AGO, LONG_AGO.plus(Duration.ofDays(90)), remembered);
        lineages.install("b.test", List.of("b.test"), LONG_AGO, LONG_AGO.plus(Duration.ofDays(90)), remembered);

        RenewReport report = run(false, false, false, HookSpec.NONE);

        assertThat(renewCalls).isEmpty();
        assertThat(report.with(Outcome.FAILED)).extracting(RenewReport.Entry::detail).containsExactly(
                "pre-hook 'exit 3' exited with status 3", "pre-hook 'exit 3' exited with status 3");
        assertThat(hookLog()).containsExactly("post|||a.test b.test");
    }

    @Test
    void anotherRunHoldingTheLockMeansThisOneLeavesTheWorkToIt() {
        lineages.install("a.test", LONG_AGO, LONG_AGO.plus(Duration.ofDays(90)));

        RenewReport report;
        try (ConfigLock held = ConfigLock.tryAcquire(new ConfigLayout(config)).orElseThrow()) {
            report = run(false, false, false, HookSpec.NONE);
        }

        assertThat(report.wasLockBusy()).isTrue();
        assertThat(report.hasFailures()).isFalse();
        assertThat(renewCalls).isEmpty();
    }

    @Test
    void aPlainRunFindingTheLockHeldForLongerThanARunTakesReportsItAsStuck() {
        lineages.install("a.test", LONG_AGO, LONG_AGO.plus(Duration.ofDays(90)));
        ConfigLayout layout = new ConfigLayout(config);

        RenewReport report;
        try (ConfigLock held = ConfigLock.tryAcquire(layout, NOW.minus(Duration.ofMinutes(125))).orElseThrow()) {
            report = run(false, false, false, HookSpec.NONE);
        }

        String message = "another vacme run (pid " + ProcessHandle.current().pid() + ") has held the lock on "
                + config + " since 2025-05-31T21:55:00Z (2h05m), longer than a run takes (--stuck-lock-after 3600);"
                + " nothing was renewed. If that process is stuck, stop it";
        assertThat(errors).containsExactly(message);
        assertThat(report.lockFailure()).contains(message);
        assertThat(report.hasFailures()).isTrue();
        assertThat(renewCalls).isEmpty();
    }

    @Test
    void aPlainRunLeavesTheWorkToARunHoldingTheLockForLessThanTheBound() {
        lineages.install("a.test", LONG_AGO, LONG_AGO.plus(Duration.ofDays(90)));

        RenewReport report;
        try (ConfigLock held = ConfigLock.tryAcquire(new ConfigLayout(config), NOW.minus(Duration.ofMinutes(59)))
                .orElseThrow()) {
            report = run(false, false, false, HookSpec.NONE);
        }

        assertThat(report.wasLockBusy()).isTrue();
        assertThat(report.hasFailures()).isFalse();
        assertThat(errors).isEmpty();
    }

    @Test
    void anExplicitRunWaitsForTheLockUpToItsTimeoutThenFailsSayingSo() {
        lineages.install("b.test", RECENT, RECENT.plus(Duration.ofDays(90)));

        RenewReport report;
        try (ConfigLock held = ConfigLock.tryAcquire(new ConfigLayout(config), NOW.minus(Duration.ofMinutes(3)))
                .orElseThrow()) {
            report = run(new RenewOptions("b.test", true, false, false, HookSpec.NONE, null, null,
                    Duration.ofSeconds(90), Duration.ofHours(1)));
        }

        long pid = ProcessHandle.current().pid();
        assertThat(progress).containsExactly("waiting up to 1m30s (--lock-timeout) for another vacme run (pid " + pid
                + ", holding it since 2025-05-31T23:57:00Z) to release the lock on " + config);
        assertThat(errors).containsExactly("another vacme run (pid " + pid + ", holding it since 2025-05-31T23:57:00Z)"
                + " still holds the lock on " + config + " after 1m30s (--lock-timeout); nothing was renewed");
        assertThat(report.hasFailures()).isTrue();
        assertThat(renewCalls).isEmpty();
        assertThat(sleeper.sleeps()).hasSize(90);
    }

    @Test
    void anExplicitRunRenewsOnceTheOtherRunReleasesTheLock() {
        lineages.install("b.test", RECENT, RECENT.plus(Duration.ofDays(90)));
        ConfigLock held = ConfigLock.tryAcquire(new ConfigLayout(config), NOW).orElseThrow();
        sleeper = RecordingSleeper.advancing(clock).then(held::close);

        RenewReport report = run(new RenewOptions("b.test", true, false, false, HookSpec.NONE, null, null,
                Duration.ofSeconds(90), Duration.ofHours(1)));

        assertThat(report.hasFailures()).isFalse();
        assertThat(renewCalls).containsExactly("b.test");
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void anInterruptionStopsTheRunAfterThePostHookInsteadOfGoingOnWithTheNextLineage() throws IOException {
        lineages.install("a.test", LONG_AGO, LONG_AGO.plus(Duration.ofDays(90)));
        lineages.install("b.test", LONG_AGO, LONG_AGO.plus(Duration.ofDays(90)));
        interruptedAt = "a.test";

        assertThatThrownBy(() -> run(false, false, false, new HookSpec(hook("pre"), hook("post"), hook("deploy"))))
                .isInstanceOf(InterruptedRunException.class).hasMessage("interrupted while waiting");

        assertThat(renewCalls).containsExactly("a.test");
        assertThat(hookLog()).containsExactly("pre|||", "post|||a.test");
    }

    @Test
    void anUnattendedRunSaysHowLongItWaitsBeforeRenewing() {
        lineages.install("a.test", LONG_AGO, LONG_AGO.plus(Duration.ofDays(90)));

        run(false, false, true, HookSpec.NONE);

        assertThat(progress).containsExactly("waiting " + Durations.brief(sleeper.sleeps().get(0))
                + " before renewing, to spread load; --no-random-sleep-on-renew skips this");
    }

    @Test
    void unattendedRunsWaitOnceAtRandomBeforeTheFirstNetworkAccess() {
        lineages.install("a.test", LONG_AGO, LONG_AGO.plus(Duration.ofDays(90)));
        lineages.install("b.test", LONG_AGO, LONG_AGO.plus(Duration.ofDays(90)));

        run(false, false, true, HookSpec.NONE);

        assertThat(sleeper.sleeps()).hasSize(1);
        assertThat(sleeper.sleeps().get(0)).isBetween(Duration.ZERO, Duration.ofMinutes(8));
        assertThat(renewCalls).containsExactly("a.test", "b.test");
    }

    @Test
    void forceRenewsEverythingAndDryRunStoresNothingAndRunsNoDeployHook() throws IOException {
        lineages.install("a.test", RECENT, RECENT.plus(Duration.ofDays(90)));

        RenewReport dry = run(false, true, false, new HookSpec(hook("pre"), hook("post"), hook("deploy")));
        RenewReport forced = run(true, false, false, HookSpec.NONE);

        assertThat(renewCalls).containsExactly("a.test (dry run)", "a.test");
        assertThat(dry.entries()).extracting(RenewReport.Entry::outcome).containsExactly(Outcome.SIMULATED);
        assertThat(forced.entries()).extracting(RenewReport.Entry::outcome).containsExactly(Outcome.RENEWED);
        assertThat(hookLog()).containsExactly("pre|||", "post||a.test|");
        assertThat(lineages.store().liveVersion("a.test")).hasValue(2);
    }

    @Test
    void fetchesRenewalInformationWhenItsRetryTimeHasPassedAndRemembersIt() {
        RenewalConf conf = lineages.install("a.test", RECENT, RECENT.plus(Duration.ofDays(90)));
        URI renewalInfo = URI.create("https://ca.test/renewal-info");
        lineages.store().writeConf("a.test", conf.withCertificate(conf.certificate().withRenewalInfo(renewalInfo)),
                "test");
        transport.thenJson(200, "application/json",
                "{\"suggestedWindow\":{\"start\":\"2025-05-01T00:00:00Z\",\"end\":\"2025-05-02T00:00:00Z\"}}",
                "Retry-After", "3600");

        RenewReport first = run(false, false, false, HookSpec.NONE);
        RenewReport second = run(false, false, false, HookSpec.NONE);

        assertThat(transport.requests()).hasSize(1);
        assertThat(first.entries()).extracting(RenewReport.Entry::outcome).containsExactly(Outcome.RENEWED);
        assertThat(second.usedNetwork()).isFalse();
        assertThat(renewCalls).containsExactly("a.test");
    }

    @Test
    void aWindowInTheFutureIsRememberedAndTheNextRunMakesNoRequest() {
        RenewalConf conf = lineages.install("a.test", RECENT, RECENT.plus(Duration.ofDays(90)));
        lineages.store().writeConf("a.test", conf.withCertificate(conf.certificate().withRenewalInfo(
                URI.create("https://ca.test/renewal-info"))), "test");
        transport.thenJson(200, "application/json",
                "{\"suggestedWindow\":{\"start\":\"2025-07-01T00:00:00Z\",\"end\":\"2025-07-03T00:00:00Z\"}}",
                "Retry-After", "21600");

        RenewReport first = run(false, false, false, HookSpec.NONE);
        clock.advance(Duration.ofHours(5));
        RenewReport second = run(false, false, false, HookSpec.NONE);

        AriWindow stored = lineages.store().readConf("a.test").ari();
        assertThat(stored.selected()).isBetween(Instant.parse("2025-07-01T00:00:00Z"),
                Instant.parse("2025-07-03T00:00:00Z"));
        assertThat(stored.nextCheck()).isEqualTo(NOW.plus(Duration.ofHours(6)));
        assertThat(first.entries()).extracting(RenewReport.Entry::outcome).containsExactly(Outcome.NOT_DUE);
        assertThat(second.usedNetwork()).isFalse();
        assertThat(transport.requests()).hasSize(1);
        assertThat(renewCalls).isEmpty();
    }

    @Test
    void aCorruptConfigurationFailsOnlyItsLineage() throws IOException {
        lineages.install("a.test", RECENT, RECENT.plus(Duration.ofDays(90)));
        Files.writeString(config.resolve("renewal/b.test.conf"), "[renewal]\nnonsense\n");

        RenewReport report = run(false, false, false, HookSpec.NONE);

        assertThat(report.entries()).extracting(e -> e.name() + " " + e.outcome()).containsExactly(
                "a.test NOT_DUE", "b.test FAILED");
        assertThat(report.hasFailures()).isTrue();
    }

    private void offerRenewalInfo(String name, String ariId) {
        RenewalConf conf = lineages.store().readConf(name);
        CertificateFacts facts = conf.certificate();
        lineages.store().writeConf(name, conf.withCertificate(new CertificateFacts(facts.version(), facts.serial(),
                facts.notBefore(), facts.notAfter(), ariId, URI.create("https://ca.test/renewal-info"), null)),
                "test");
    }

    @Test
    void aLineageWhoseRenewalInformationCannotBeCheckedFailsAloneAndThePostHookStillRuns() throws IOException {
        lineages.install("a.test", List.of("a.test"), RECENT, RECENT.plus(Duration.ofDays(90)),
                new HookSpec(null, hook("post"), null));
        offerRenewalInfo("a.test", "not an ARI id");
        lineages.install("b.test", List.of("b.test"), LONG_AGO, LONG_AGO.plus(Duration.ofDays(90)),
                new HookSpec(null, hook("post"), null));

        RenewReport report = run(false, false, false, HookSpec.NONE);

        assertThat(report.entries()).extracting(e -> e.name() + " " + e.outcome()).containsExactly(
                "a.test FAILED", "b.test RENEWED");
        assertThat(report.entries().get(0).detail()).isEqualTo("cannot check its renewal information: a certificate"
                + " identifier is base64url(AKI) '.' base64url(serial), unpadded");
        assertThat(renewCalls).containsExactly("b.test");
        assertThat(hookLog()).containsExactly("post||b.test|");
    }

    @Test
    void aServerWhoseTrustCannotBeSetUpFailsItsLineagesOnly() throws IOException {
        lineages.install("a.test", List.of("a.test"), RECENT, RECENT.plus(Duration.ofDays(90)),
                new HookSpec(null, hook("post"), null));
        offerRenewalInfo("a.test", "aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE");
        transports = settings -> {
            throw new UsageException("cannot read --ca-bundle /gone.pem: no such file");
        };

        RenewReport report = run(false, false, false, HookSpec.NONE);

        assertThat(report.entries()).extracting(e -> e.name() + " " + e.outcome() + " " + e.detail())
                .containsExactly("a.test FAILED cannot check its renewal information: cannot read --ca-bundle"
                        + " /gone.pem: no such file");
        assertThat(hookLog()).isEmpty();
    }

    @Test
    void hooksThatCannotStartAreHookFailuresAndARenewedLineageStaysRenewed() {
        lineages.install("a.test", LONG_AGO, LONG_AGO.plus(Duration.ofDays(90)));
        lineages.install("b.test", LONG_AGO, LONG_AGO.plus(Duration.ofDays(90)));
        hookDir = dir.resolve("missing");

        RenewReport report = run(false, false, false, new HookSpec(null, "true", "true"));

        assertThat(report.entries()).extracting(e -> e.name() + " " + e.outcome()).containsExactly(
                "a.test RENEWED", "b.test RENEWED");
        assertThat(report.hookFailures()).hasSize(3);
        assertThat(report.hookFailures().get(0)).startsWith("a.test: deploy-hook 'true' could not be started: ");
        assertThat(report.hookFailures().get(2)).startsWith("post-hook 'true' could not be started: ");
        assertThat(report.hasFailures()).isTrue();
        assertThat(lineages.store().liveVersion("b.test")).hasValue(2);
    }

    @Test
    void aPreHookThatCannotStartFailsItsLineagesAndThePostHookIsStillTried() {
        lineages.install("a.test", LONG_AGO, LONG_AGO.plus(Duration.ofDays(90)));
        hookDir = dir.resolve("missing");

        RenewReport report = run(false, false, false, new HookSpec("true", "true", null));

        assertThat(report.entries()).extracting(e -> e.name() + " " + e.outcome()).containsExactly("a.test FAILED");
        assertThat(report.entries().get(0).detail()).startsWith("pre-hook 'true' could not be started: ");
        assertThat(report.hookFailures()).singleElement().asString()
                .startsWith("post-hook 'true' could not be started: ");
        assertThat(renewCalls).isEmpty();
    }

    @Test
    void anUnattendedRunWhoseRenewalInformationSaysNotYetNeitherWaitsNorRenews() {
        lineages.install("a.test", RECENT, RECENT.plus(Duration.ofDays(90)));
        offerRenewalInfo("a.test", "aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE");
        transport.thenJson(200, "application/json",
                "{\"suggestedWindow\":{\"start\":\"2025-07-01T00:00:00Z\",\"end\":\"2025-07-03T00:00:00Z\"}}",
                "Retry-After", "21600");

        RenewReport report = run(false, false, true, HookSpec.NONE);

        assertThat(transport.requests()).hasSize(1);
        assertThat(sleeper.sleeps()).isEmpty();
        assertThat(report.entries()).extracting(RenewReport.Entry::outcome).containsExactly(Outcome.NOT_DUE);
        assertThat(config.resolve(".lock")).exists();
    }

    @Test
    void anUnattendedRunChecksRenewalInformationFirstAndWaitsOnlyBeforeRenewing() {
        lineages.install("a.test", RECENT, RECENT.plus(Duration.ofDays(90)));
        offerRenewalInfo("a.test", "aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE");
        transport.then(request -> {
            events.add("renewal information at " + clock.instant());
            return ScriptedTransport.response(request, 200, "application/json",
                    "{\"suggestedWindow\":{\"start\":\"2025-05-01T00:00:00Z\",\"end\":\"2025-05-02T00:00:00Z\"}}",
                    "Retry-After", "21600");
        });

        RenewReport report = run(false, false, true, HookSpec.NONE);

        assertThat(sleeper.sleeps()).hasSize(1);
        assertThat(events).containsExactly("renewal information at " + NOW,
                "renew a.test at " + NOW.plus(sleeper.sleeps().get(0)));
        assertThat(sleeper.sleeps().get(0)).isPositive();
        assertThat(report.entries()).extracting(RenewReport.Entry::outcome).containsExactly(Outcome.RENEWED);
        assertThat(transport.requests()).hasSize(1);
    }

    @Test
    void aLineageWhoseRenewalInformationFailedIsNotAskedTwiceInOneRun() {
        lineages.install("a.test", RECENT, RECENT.plus(Duration.ofDays(90)));
        offerRenewalInfo("a.test", "not an ARI id");
        lineages.install("b.test", LONG_AGO, LONG_AGO.plus(Duration.ofDays(90)));

        RenewReport report = run(false, false, true, HookSpec.NONE);

        assertThat(report.entries()).extracting(e -> e.name() + " " + e.outcome()).containsExactly(
                "a.test FAILED", "b.test RENEWED");
        assertThat(errors).filteredOn(e -> e.startsWith("renewal of a.test")).hasSize(1);
    }
}
