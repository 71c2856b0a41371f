package dev.vacme.client.deploy.nginx;

import dev.vacme.client.ErrorText;
import dev.vacme.client.acme.Sleeper;
import dev.vacme.client.challenge.Authenticator;
import dev.vacme.client.challenge.AuthenticatorException;
import dev.vacme.client.challenge.ChallengeTask;
import dev.vacme.client.deploy.Endpoint.HostPort;
import dev.vacme.client.hook.HookRunner;
import dev.vacme.common.model.Challenge;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Answers http-01 (RFC 8555 §8.3) through the running nginx ({@code -a nginx}, certbot's nginx
 * authenticator): adds a temporary exact-match location per token to the server blocks that
 * serve the names on the http-01 port (or a temporary server block), runs the config test,
 * reloads, and waits until nginx answers each token itself. {@link #cleanup} puts every changed
 * file back and reloads again, also when validation failed or {@code perform} stopped halfway.
 */
public final class NginxAuthenticator implements Authenticator {

    private static final Duration SERVE_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration POLL = Duration.ofMillis(100);
    /**
     * nginx lets the old workers go on accepting connections for 100 ms after the new ones started
     * (its master waits that long before telling them to quit), so one answer from a new worker is
     * not enough: the answers are checked again after this pause.
     */
    private static final Duration SETTLE = Duration.ofMillis(500);
    private static final int READ_TIMEOUT_MILLIS = 2_000;

    private final NginxSettings settings;
    private final int port;
    private final NginxControl control;
    private final Consumer<String> log;
    private final Clock clock;
    private final Sleeper sleeper;
    private ConfigChanges changes;
    private boolean reloaded;

    /**
     * Creates the authenticator.
     *
     * @param port   the port nginx serves plain HTTP on for the ACME server (80)
     * @param runner runs nginx's commands
     * @param log    where verbose messages and cleanup problems go
     */
    public NginxAuthenticator(NginxSettings settings, int port, HookRunner runner, Consumer<String> log) {
        this(settings, port, runner, log, Clock.systemUTC(), Sleeper.REAL);
    }

    /** Creates the authenticator with another clock and sleeper. */
    NginxAuthenticator(NginxSettings settings, int port, HookRunner runner, Consumer<String> log, Clock clock,
            Sleeper sleeper) {
        this.settings = settings;
        this.port = port;
        this.control = new NginxControl(settings, runner, log);
        this.log = log;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    @Override
    public String name() {
        return "nginx";
    }

    @Override
    public List<String> challengeTypes() {
        return List.of(Challenge.HTTP_01);
    }

    @Override
    public void perform(List<ChallengeTask> tasks) {
        try {
            NginxConfig config = NginxConfig.load(settings.configFile());
            ChallengeEdits.Result edits = ChallengeEdits.compute(config, tasks, port);
            edits.warnings().forEach(log);
            changes = ConfigChanges.write(config, edits.edits(), file -> { });
            changes.files().forEach(f -> log.accept("nginx: added http-01 responses to " + f.path()));
            control.configTest();
            // Set before the reload: if it fails halfway, cleanup's reload of the restored files is harmless.
            reloaded = true;
            control.reload();
            awaitAnswers(edits.checks());
        } catch (NginxException e) {
            throw new AuthenticatorException(ErrorText.of(e), e);
        }
    }

    @Override
    public void cleanup(List<ChallengeTask> tasks) {
        if (changes == null) {
            return;
        }
        changes.restore(log);
        changes = null;
        if (reloaded) {
            reloaded = false;
            try {
                control.reload();
            } catch (NginxException e) {
                log.accept("nginx: the http-01 responses were removed from the files, but " + ErrorText.of(e));
            }
        }
    }

    private void awaitAnswers(Map<ChallengeTask, HostPort> checks) {
        Instant deadline = clock.instant().plus(SERVE_TIMEOUT);
        awaitAll(checks, deadline);
        sleeper.sleep(SETTLE);
        awaitAll(checks, deadline);
        log.accept("nginx answers " + checks.size() + " http-01 challenge(s)");
    }

    private void awaitAll(Map<ChallengeTask, HostPort> checks, Instant deadline) {
        for (Map.Entry<ChallengeTask, HostPort> check : checks.entrySet()) {
            ChallengeTask task = check.getKey();
            while (!answers(check.getValue(), task)) {
                if (!clock.instant().isBefore(deadline)) {
                    throw new NginxException("nginx does not answer " + task.http01Path() + " for " + task.domain()
                            + " at " + check.getValue() + " after the reload; nginx's error log may say why");
                }
                sleeper.sleep(POLL);
            }
        }
    }

    /** Asks nginx for the response as the ACME server will, with the name in the Host header. */
    private static boolean answers(HostPort where, ChallengeTask task) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(where.host(), where.port()), READ_TIMEOUT_MILLIS);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + task.http01Path() + " HTTP/1.0\r\nHost: " + task.domain()
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readNBytes(16 * 1024), StandardCharsets.US_ASCII);
            int body = response.indexOf("\r\n\r\n");
            return response.startsWith("HTTP/1.1 200") && body > 0
                    && response.substring(body + 4).equals(task.keyAuthorization());
        } catch (IOException e) {
            return false;
        }
    }
}
