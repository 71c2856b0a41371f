package dev.vacme.client.hook;

import dev.vacme.client.ErrorText;
import dev.vacme.client.InterruptedRunException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs hook commands the way certbot does: through {@code /bin/sh -c}, with the process
 * environment plus the hook's variables ({@code RENEWED_LINEAGE}, {@code CERTBOT_DOMAIN}, ...),
 * stdin closed, output captured. Every hook has a timeout; a hook that runs past it is killed
 * together with its children, so a hanging script cannot stall cron runs forever.
 */
public final class HookRunner {

    /** The default timeout of one hook command. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    private final Map<String, String> baseEnvironment;
    private final Duration timeout;
    private final Path workingDir;

    /**
     * Creates the runner.
     *
     * @param baseEnvironment the environment every hook starts from (the process's own)
     * @param timeout         how long one command may run
     * @param workingDir      the directory hooks run in
     */
    public HookRunner(Map<String, String> baseEnvironment, Duration timeout, Path workingDir) {
        this.baseEnvironment = Map.copyOf(baseEnvironment);
        this.timeout = timeout;
        this.workingDir = workingDir;
    }

    /** Returns the timeout of one command. */
    public Duration timeout() {
        return timeout;
    }

    /**
     * Runs a command and reports how it ended; never throws for a non-zero exit.
     *
     * @throws HookException only when the command cannot be started at all
     */
    public HookResult run(String command, Map<String, String> variables) {
        Path stdout = null;
        Path stderr = null;
        try {
            stdout = Files.createTempFile("vacme-hook", ".out");
            stderr = Files.createTempFile("vacme-hook", ".err");
            ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", command)
                    .directory(workingDir.toFile())
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile());
            builder.environment().clear();
            builder.environment().putAll(baseEnvironment);
            builder.environment().putAll(variables);
            Process process = builder.start();
            process.getOutputStream().close();
            boolean finished = waitFor(process, command);
            if (!finished) {
                kill(process);
            }
            return new HookResult(command, finished ? process.exitValue() : -1, read(stdout), read(stderr), !finished);
        } catch (IOException e) {
            throw new HookException("cannot run hook '" + command + "': " + ErrorText.of(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HookException("interrupted while killing hook '" + command + "'", e);
        } finally {
            delete(stdout);
            delete(stderr);
        }
    }

    /**
     * Waits for the hook within its timeout. Interrupted (the run got a signal), it kills the hook
     * and its children first: the run is stopping, and its cleanup must not race a hook still
     * publishing. Not re-interrupted, so that the cleanup hooks can run.
     */
    private boolean waitFor(Process process, String command) throws InterruptedException {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            kill(process);
            throw new InterruptedRunException("while running hook '" + command + "'", e);
        }
    }

    /** Describes a failed hook for the operator, with its output. */
    public String describeFailure(String what, HookResult result) {
        String why = result.timedOut()
                ? "was killed after running for " + timeout.toSeconds() + " s"
                : "exited with status " + result.exitCode();
        String output = result.output();
        return what + " '" + result.command() + "' " + why + (output.isEmpty() ? "" : ":\n" + indent(output));
    }

    private static void kill(Process process) throws InterruptedException {
        // The shell first, so it cannot go on to its next command; its children were listed before,
        // because once it is gone they are no longer its descendants.
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        process.waitFor(5, TimeUnit.SECONDS);
    }

    private static String read(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }

    private static void delete(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // A leftover empty temp file is harmless; the hook's result matters more.
            }
        }
    }

    private static String indent(String text) {
        return "    " + text.replace("\n", "\n    ");
    }
}
