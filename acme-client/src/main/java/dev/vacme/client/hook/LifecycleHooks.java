package dev.vacme.client.hook;

import dev.vacme.client.ErrorText;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The pre, deploy and post hooks of {@code certonly} and {@code renew}, with the variables
 * certbot gives them, so existing hook scripts keep working: the deploy hook gets
 * {@code RENEWED_LINEAGE} (the {@code live/NAME} directory) and {@code RENEWED_DOMAINS}
 * (space-separated), the post hook {@code RENEWED_DOMAINS} and {@code FAILED_DOMAINS}. A hook
 * never throws: each method returns why it failed (non-zero exit, timeout, or could not start),
 * and the caller decides what that failure means.
 */
public final class LifecycleHooks {

    private final HookRunner runner;
    private final Consumer<String> verbose;

    /**
     * Creates the hooks.
     *
     * @param runner  runs the commands
     * @param verbose where the output of successful hooks goes ({@code -v})
     */
    public LifecycleHooks(HookRunner runner, Consumer<String> verbose) {
        this.runner = runner;
        this.verbose = verbose;
    }

    /** Runs a pre-hook; returns why it failed, or empty when it succeeded. */
    public Optional<String> pre(String command) {
        return run("pre-hook", command, Map.of());
    }

    /**
     * Runs a pre-hook that must succeed before anything else happens ({@code certonly}).
     *
     * @throws HookException when it fails
     */
    public void preOrThrow(String command) {
        pre(command).ifPresent(failure -> {
            throw new HookException(failure);
        });
    }

    /** Runs a deploy hook for a lineage just installed; returns why it failed, or empty. */
    public Optional<String> deploy(String command, Path lineage, List<String> domains) {
        return run("deploy-hook", command, Map.of(
                "RENEWED_LINEAGE", lineage.toString(),
                "RENEWED_DOMAINS", String.join(" ", domains)));
    }

    /** Runs a post-hook with the names renewed and failed in this run; returns why it failed, or empty. */
    public Optional<String> post(String command, List<String> renewed, List<String> failed) {
        return run("post-hook", command, Map.of(
                "RENEWED_DOMAINS", String.join(" ", renewed),
                "FAILED_DOMAINS", String.join(" ", failed)));
    }

    private Optional<String> run(String what, String command, Map<String, String> variables) {
        HookResult result;
        try {
            result = runner.run(command, variables);
        } catch (HookException e) {
            return Optional.of(what + " '" + command + "' could not be started: "
                    + (e.getCause() == null ? ErrorText.of(e) : e.getCause().getMessage()));
        }
        if (!result.succeeded()) {
            return Optional.of(runner.describeFailure(what, result));
        }
        verbose.accept(what + " '" + command + "' succeeded" + (result.output().isEmpty() ? ""
                : ":\n" + result.output()));
        return Optional.empty();
    }
}
