package dev.vacme.client.deploy.apache;

import dev.vacme.client.ErrorText;
import dev.vacme.client.acme.Sleeper;
import dev.vacme.client.challenge.Authenticator;
import dev.vacme.client.challenge.AuthenticatorException;
import dev.vacme.client.challenge.ChallengeTask;
import dev.vacme.client.deploy.Backup;
import dev.vacme.client.deploy.DeployException;
import dev.vacme.client.hook.HookException;
import dev.vacme.client.store.AtomicFiles;
import dev.vacme.common.model.Challenge;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Answers http-01 (RFC 8555 §8.3) through the running Apache httpd ({@code -a apache}): writes the
 * responses into a directory of its own below the server root, includes a small configuration
 * ({@code Alias /.well-known/acme-challenge/ DIR}, and a pass-through for rewrite rules that send
 * everything to HTTPS) at the top of every plain-HTTP VirtualHost answering to a name, tests the
 * configuration and reloads gracefully. {@link #cleanup} takes all of it out again and reloads,
 * also when validation failed or {@link #perform} stopped halfway.
 */
final class ApacheAuthenticator implements Authenticator {

    /** The directory below the server root that holds the responses while a validation runs. */
    static final String CHALLENGE_DIR = "vacme-acme-challenge";
    private static final Duration SERVE_PATIENCE = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(200);

    private final ApacheSettings settings;
    private final ApacheControl control;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Consumer<String> log;
    private Backup backup;
    private final List<Path> created = new ArrayList<>();
    private boolean changedConfig;

    /**
     * Creates the authenticator for one issuance.
     *
     * @param settings the server root and control command ({@code https_port} is not used)
     * @param control  runs the control command
     * @param clock    measures the wait until Apache serves the responses
     * @param sleeper  waits between checks
     * @param log      where verbose messages and cleanup problems go
     */
    ApacheAuthenticator(ApacheSettings settings, ApacheControl control, Clock clock, Sleeper sleeper,
            Consumer<String> log) {
        this.settings = settings;
        this.control = control;
        this.clock = clock;
        this.sleeper = sleeper;
        this.log = log;
    }

    @Override
    public String name() {
        return ApacheSettings.NAME;
    }

    @Override
    public List<String> challengeTypes() {
        return List.of(Challenge.HTTP_01);
    }

    @Override
    public void perform(List<ChallengeTask> tasks) {
        List<VirtualHost> hosts = plainHosts(tasks);
        Path root = settings.serverRoot().toAbsolutePath().normalize();
        Path directory = root.resolve(CHALLENGE_DIR);
        Path include = root.resolve(CHALLENGE_DIR + ".conf");
        try {
            writeResponses(directory, tasks);
            writeNew(include, ChallengeConfig.render(directory, hosts));
        } catch (IOException e) {
            throw new AuthenticatorException("cannot write the http-01 responses below " + root + ": "
                    + ErrorText.of(e), e);
        }
        ConfigEdits edits = new ConfigEdits();
        for (VirtualHost host : hosts) {
            Section section = host.section();
            edits.insertBefore(section.file(), section.firstLine() + 1, List.of(SslPlanner.childIndent(section)
                    + "Include " + ConfigWords.quote(include.toString())), "include " + include + " in "
                    + section.where());
        }
        backup = new Backup();
        changedConfig = true;
        try {
            ConfigChanges.apply(edits, backup, log);
        } catch (DeployException e) {
            throw new AuthenticatorException(ErrorText.of(e), e);
        }
        ApacheControl.Outcome reload = command(control::reload);
        if (!reload.ok()) {
            throw new AuthenticatorException(reload.failure());
        }
        awaitServed(tasks, hosts);
    }

    @Override
    public void cleanup(List<ChallengeTask> tasks) {
        if (backup != null) {
            try {
                backup.restore();
            } catch (DeployException e) {
                log.accept(ErrorText.of(e));
            }
            backup = null;
        }
        for (int i = created.size() - 1; i >= 0; i--) {
            try {
                Files.deleteIfExists(created.get(i));
            } catch (IOException e) {
                log.accept("cannot remove " + created.get(i) + ": " + ErrorText.of(e));
            }
        }
        created.clear();
        if (changedConfig) {
            changedConfig = false;
            try {
                ApacheControl.Outcome reload = control.reload();
                if (!reload.ok()) {
                    log.accept("after removing the http-01 configuration: " + reload.failure());
                }
            } catch (HookException e) {
                log.accept(ErrorText.of(e));
            }
        }
    }

    private List<VirtualHost> plainHosts(List<ChallengeTask> tasks) {
        List<VirtualHost> all;
        try {
            all = ApacheConfig.load(settings.serverRoot()).virtualHosts().stream()
                    .map(s -> VirtualHost.of(s, settings.httpsPort())).filter(v -> !v.ssl()).toList();
        } catch (ApacheConfigException e) {
            throw new AuthenticatorException(ErrorText.of(e), e);
        }
        List<VirtualHost> chosen = new ArrayList<>();
        for (ChallengeTask task : tasks) {
            List<VirtualHost> serving = all.stream().filter(v -> v.serves(task.domain())).toList();
            if (serving.isEmpty()) {
                throw new AuthenticatorException("no plain-HTTP <VirtualHost> in " + settings.serverRoot()
                        + " has a ServerName or ServerAlias matching " + task.domain()
                        + "; add one, or use --webroot or --standalone");
            }
            serving.stream().filter(v -> !chosen.contains(v)).forEach(chosen::add);
        }
        return chosen;
    }

    private void writeResponses(Path directory, List<ChallengeTask> tasks) throws IOException {
        if (!Files.isDirectory(directory)) {
            AtomicFiles.createDirectories(directory, AtomicFiles.DIRECTORY);
            created.add(directory);
        }
        for (ChallengeTask task : tasks) {
            if (!ChallengeTask.isWellFormedToken(task.token())) {
                throw new AuthenticatorException("refusing the malformed http-01 token of " + task.domain());
            }
            writeNew(directory.resolve(task.token()), task.keyAuthorization());
        }
    }

    private void writeNew(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        created.add(file);
        AtomicFiles.writeNew(file, content.getBytes(StandardCharsets.US_ASCII), AtomicFiles.PUBLIC);
    }

    /** Waits, bounded, until Apache serves every response; a miss is only logged: the ACME server decides. */
    private void awaitServed(List<ChallengeTask> tasks, List<VirtualHost> hosts) {
        Instant deadline = clock.instant().plus(SERVE_PATIENCE);
        for (ChallengeTask task : tasks) {
            VirtualHost host = hosts.stream().filter(v -> v.serves(task.domain())).findFirst().orElseThrow();
            String address = ChallengeConfig.connectAddress(host);
            int port = ChallengeConfig.port(host);
            while (!serves(address, port, task)) {
                if (!clock.instant().isBefore(deadline)) {
                    log.accept("Apache does not serve " + task.http01Path() + " for " + task.domain() + " at "
                            + address + ":" + port + " yet; asking the ACME server to validate anyway");
                    break;
                }
                sleeper.sleep(POLL);
            }
        }
    }

    private static boolean serves(String address, int port, ChallengeTask task) {
        try {
            return task.keyAuthorization().equals(ChallengeProbe.fetch(address, port, task.domain(),
                    task.http01Path()));
        } catch (IOException e) {
            return false;
        }
    }

    private static ApacheControl.Outcome command(Supplier<ApacheControl.Outcome> command) {
        try {
            return command.get();
        } catch (HookException e) {
            throw new AuthenticatorException(ErrorText.of(e), e);
        }
    }
}
