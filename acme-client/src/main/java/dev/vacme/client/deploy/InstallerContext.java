package dev.vacme.client.deploy;

import dev.vacme.client.ErrorText;
import dev.vacme.client.acme.Sleeper;
import dev.vacme.client.hook.HookException;
import dev.vacme.client.hook.HookResult;
import dev.vacme.client.hook.HookRunner;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What an installer may use of the outside world, so that tests can run installers against real
 * binaries with a fake clock: commands (through {@code /bin/sh -c} with a timeout, as hooks run),
 * the clock, a sleeper for polling, and the verbose output.
 *
 * @param commands   runs commands such as {@code nginx -t} or a reload command
 * @param clock      the clock
 * @param sleeper    waits between polls
 * @param verbose    details for {@code -v}
 * @param workingDir the directory relative paths were resolved against
 */
public record InstallerContext(HookRunner commands, Clock clock, Sleeper sleeper, Consumer<String> verbose,
        Path workingDir) {

    /**
     * Runs a command line through the shell and returns how it ended.
     *
     * @throws DeployException with {@code step} when it cannot be started
     */
    public HookResult run(String commandLine, DeployException.Step step) {
        verbose.accept("running " + commandLine);
        try {
            return commands.run(commandLine, Map.of());
        } catch (HookException e) {
            throw new DeployException(step, "'" + commandLine + "' could not be started: " + ErrorText.of(e), e);
        }
    }

    /**
     * Runs a command line that must succeed.
     *
     * @throws DeployException with {@code step}, the exit status and the command's output when it fails
     */
    public HookResult runOrThrow(String commandLine, DeployException.Step step) {
        HookResult result = run(commandLine, step);
        if (!result.succeeded()) {
            throw new DeployException(step, commands.describeFailure(step.label() + " command", result));
        }
        if (!result.output().isEmpty()) {
            verbose.accept(result.output());
        }
        return result;
    }

    /** Quotes a word (a path) for {@code /bin/sh}. */
    public static String quote(String word) {
        if (word.matches("[A-Za-z0-9_@%+=:,./-]+")) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
