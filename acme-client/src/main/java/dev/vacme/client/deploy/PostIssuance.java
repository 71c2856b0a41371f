package dev.vacme.client.deploy;

import dev.vacme.client.ErrorText;
import dev.vacme.client.Reporter;
import dev.vacme.client.hook.HookDirectories;
import dev.vacme.client.hook.HookException;
import dev.vacme.client.hook.LifecycleHooks;
import dev.vacme.client.store.AtomicFiles;
import dev.vacme.client.store.DeploymentSpec;
import dev.vacme.client.store.HookSpec;
import dev.vacme.client.store.LineageStore;
import dev.vacme.client.store.PendingDeployment;
import dev.vacme.client.store.RenewalConf;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one sequence that follows every issuance, shared by {@code certonly}, {@code run},
 * {@code install}, {@code renew} and {@code certonly --csr}:
 * <pre>
 *   pre-hooks → obtain → install → verify → deploy hooks        (per lineage, {@link Run#perform})
 *   post-hooks                                                  (once per run, {@link Run#finish})
 * </pre>
 * <ul>
 *   <li>Each distinct pre-hook runs once per run, before the first lineage that needs it; when it
 *       fails, every lineage that needs it fails without being obtained.</li>
 *   <li>Install and verify happen only for a stored lineage whose configuration names an installer or
 *       {@code --verify-served} endpoints (never for {@code certonly}'s plain lineages, a dry run or a
 *       CSR). A failed deployment is rolled back by the {@link Deployer}, recorded as pending in
 *       {@code renewal/NAME.conf} (the next {@code renew} retries it), and its deploy hooks do not
 *       run; a successful one clears what was pending.</li>
 *   <li>Deploy hooks run in order after a successful installation, with {@code RENEWED_LINEAGE}.</li>
 *   <li>Each distinct post-hook runs once at the end, with every name renewed and every name failed
 *       in the run, whatever happened before.</li>
 * </ul>
 * Failures of hooks and deployments are returned, never thrown, so that a caller reports each one
 * and exits 1; only a failed pre-hook or a failed obtain step is thrown, as it stops that lineage.
 */
public final class PostIssuance {

    private final LifecycleHooks hooks;
    private final Deployer deployer;
    private final LineageStore store;
    private final Reporter reporter;
    private final Clock clock;
    private final String vacmeVersion;
    private final HookDirectories directories;

    /** Creates the sequence, without hook directories. */
    public PostIssuance(LifecycleHooks hooks, Deployer deployer, LineageStore store, Reporter reporter, Clock clock,
            String vacmeVersion) {
        this(hooks, deployer, store, reporter, clock, vacmeVersion, null);
    }

    private PostIssuance(LifecycleHooks hooks, Deployer deployer, LineageStore store, Reporter reporter, Clock clock,
            String vacmeVersion, HookDirectories directories) {
        this.hooks = hooks;
        this.deployer = deployer;
        this.store = store;
        this.reporter = reporter;
        this.clock = clock;
        this.vacmeVersion = vacmeVersion;
        this.directories = directories;
    }

    /**
     * Returns the sequence that also runs the executables of certbot's hook directories, before the
     * hooks given as options of each kind ({@code renew} does, as with certbot).
     */
    public PostIssuance withDirectoryHooks(HookDirectories hookDirectories) {
        return new PostIssuance(hooks, deployer, store, reporter, clock, vacmeVersion, hookDirectories);
    }

    /** Starts a run: one command's worth of lineages sharing pre- and post-hooks. */
    public Run start() {
        return new Run();
    }

    /**
     * One lineage's work.
     *
     * @param <T>       what the obtain step returns
     * @param name      the lineage name (for messages)
     * @param domains   its names (for the hooks' variables)
     * @param hookSpec  its hooks
     * @param obtain    obtains (or, for {@code install}, looks up) the certificate
     * @param installed the stored lineage version to deploy for what was obtained, or null when
     *                  nothing is deployed (dry run, CSR)
     * @param deployment how the lineage is deployed (its installer and endpoints)
     * @param obtains   false when the job only installs what is already live (a pending deployment):
     *                  then no pre- or post-hooks of the hook directories run
     */
    public record Job<T>(String name, List<String> domains, HookSpec hookSpec, Supplier<T> obtain,
            Function<T, Deployment> installed, DeploymentSpec deployment, boolean obtains) {

        public Job {
            domains = List.copyOf(domains);
            hookSpec = hookSpec == null ? HookSpec.NONE : hookSpec;
            deployment = deployment == null ? DeploymentSpec.NONE : deployment;
        }

        /** Creates a job that obtains a certificate. */
        public Job(String name, List<String> domains, HookSpec hookSpec, Supplier<T> obtain,
                Function<T, Deployment> installed, DeploymentSpec deployment) {
            this(name, domains, hookSpec, obtain, installed, deployment, true);
        }
    }

    /**
     * How one lineage's work ended.
     *
     * @param <T>        what the obtain step returned
     * @param obtained   that
     * @param deployment the deployment, or null when nothing was deployed
     * @param failures   each failure after obtaining (deployment, deploy hooks), in the operator's words
     */
    public record Outcome<T>(T obtained, DeployResult deployment, List<String> failures) {

        /** Returns true when nothing failed. */
        public boolean succeeded() {
            return failures.isEmpty();
        }
    }

    /** One run of the sequence over one or more lineages. */
    public final class Run {

        private final Map<String, String> preHookResults = new HashMap<>();
        private final Set<String> postHooks = new LinkedHashSet<>();
        private final List<String> renewed = new ArrayList<>();
        private final List<String> failed = new ArrayList<>();

        private Run() {
        }

        /**
         * Runs the sequence for one lineage up to its deploy hooks.
         *
         * @throws HookException when a pre-hook failed (this lineage was not obtained)
         * @throws RuntimeException whatever the obtain step threw
         */
        public <T> Outcome<T> perform(Job<T> job) {
            if (job.obtains()) {
                postHooks.addAll(fromDirectory(HookDirectories.Kind.POST));
            }
            postHooks.addAll(job.hookSpec().postHooks());
            T obtained;
            try {
                if (job.obtains()) {
                    runPreHooks(fromDirectory(HookDirectories.Kind.PRE));
                }
                runPreHooks(job.hookSpec().preHooks());
                obtained = job.obtain().get();
            } catch (RuntimeException e) {
                failed.addAll(job.domains());
                throw e;
            }
            renewed.addAll(job.domains());
            Deployment deployment = job.installed() == null ? null : job.installed().apply(obtained);
            List<String> failures = new ArrayList<>();
            DeployResult result = null;
            if (deployment != null && job.deployment().deploys()) {
                result = deploy(job, deployment);
                if (!result.succeeded()) {
                    failures.add(job.name() + ": deployment failed: " + result.failure());
                }
            }
            if (deployment != null && failures.isEmpty()) {
                List<String> deployHooks = new ArrayList<>(fromDirectory(HookDirectories.Kind.DEPLOY));
                deployHooks.addAll(job.hookSpec().deployHooks());
                for (String command : deployHooks) {
                    hooks.deploy(command, deployment.live().directory(), deployment.domains())
                            .ifPresent(failure -> failures.add(job.name() + ": " + failure));
                }
            }
            return new Outcome<>(obtained, result, failures);
        }

        /**
         * Runs each distinct post-hook once, with the names renewed and failed in this run.
         *
         * @return each post-hook's failure
         */
        public List<String> finish() {
            List<String> failures = new ArrayList<>();
            for (String command : postHooks) {
                hooks.post(command, renewed, failed).ifPresent(failures::add);
            }
            postHooks.clear();
            return failures;
        }

        private List<String> fromDirectory(HookDirectories.Kind kind) {
            return directories == null ? List.of() : directories.commands(kind);
        }

        private void runPreHooks(List<String> commands) {
            for (String command : commands) {
                if (!preHookResults.containsKey(command)) {
                    preHookResults.put(command, hooks.pre(command).orElse(null));
                }
                String failure = preHookResults.get(command);
                if (failure != null) {
                    throw new HookException(failure);
                }
            }
        }

        private DeployResult deploy(Job<?> job, Deployment deployment) {
            DeployResult result;
            try {
                result = deployer.deploy(job.deployment(), deployment);
            } catch (RuntimeException e) {
                // Settings that cannot be read changed nothing; they still leave the deployment owed.
                result = new DeployResult(null, List.of(), List.of(), ErrorText.of(e));
            }
            recordPending(job.name(), deployment, result);
            return result;
        }
    }

    /**
     * Describes, changing nothing, what deploying the lineage's live version would change (dry runs);
     * a configuration test runs on a copy in a temporary directory.
     *
     * @return one line per change
     * @throws DeployException when the test of the copy fails
     */
    public List<String> preview(String name, List<String> domains, DeploymentSpec deployment) {
        Path scratch;
        try {
            scratch = Files.createTempDirectory("vacme-preview");
        } catch (IOException e) {
            throw new DeployException(DeployException.Step.CONFIG_TEST, "cannot create a scratch directory: "
                    + ErrorText.of(e), e);
        }
        try {
            return deployer.preview(deployment, live(store, name, domains), scratch);
        } finally {
            try {
                AtomicFiles.deleteTree(scratch);
            } catch (IOException ignored) {
                // A leftover copy in the temporary directory is harmless.
            }
        }
    }

    /** Records a failed deployment as pending, or clears a pending one that now succeeded. */
    private void recordPending(String name, Deployment deployment, DeployResult result) {
        try {
            RenewalConf conf = store.readConf(name);
            PendingDeployment pending = conf.deployment().pending();
            if (result.succeeded() && pending == null) {
                return;
            }
            PendingDeployment next = result.succeeded() ? null : new PendingDeployment(deployment.version(),
                    firstLine(result.failure()), pending == null ? clock.instant() : pending.since());
            store.writeConf(name, conf.withDeployment(conf.deployment().withPending(next)), vacmeVersion);
        } catch (RuntimeException e) {
            reporter.warn(name + ": cannot record the deployment's state in its renewal configuration: "
                    + ErrorText.of(e));
        }
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    /** Returns the live files of a lineage as a deployment of its current version. */
    public static Deployment live(LineageStore store, String name, List<String> domains) {
        int version = store.liveVersion(name).orElseThrow(() -> new DeployException(DeployException.Step.INSTALL,
                "certificate " + name + " has no live version to install"));
        return new Deployment(name, domains, store.liveFiles(name), version);
    }
}
