package dev.vacme.client.cli;

import dev.vacme.client.UsageException;
import dev.vacme.client.store.HookSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The hook options of {@code certonly} and {@code renew}, named as certbot names them. */
public final class HookOptions {

    @Option(names = "--pre-hook", paramLabel = "CMD",
            description = "Command run once before obtaining certificates, e.g. to stop a web server"
                    + " (repeatable, run in order; remembered for renewals)")
    List<String> preHook = new ArrayList<>();

    @Option(names = "--post-hook", paramLabel = "CMD",
            description = "Command run once after obtaining certificates, with RENEWED_DOMAINS and FAILED_DOMAINS"
                    + " (repeatable, run in order; remembered for renewals)")
    List<String> postHook = new ArrayList<>();

    @Option(names = {"--deploy-hook", "--renew-hook"}, paramLabel = "CMD",
            description = "Command run after each certificate obtained, with RENEWED_LINEAGE and RENEWED_DOMAINS"
                    + " (repeatable, run in order; remembered for renewals)")
    List<String> deployHook = new ArrayList<>();

    @Option(names = "--hook-timeout", paramLabel = "SECONDS",
            description = "Kill a hook that runs longer than this (default: ${DEFAULT-VALUE})", defaultValue = "300")
    long hookTimeoutSeconds;

    /** Returns the hooks given on the command line; absent ones are null. */
    HookSpec hooks() {
        return new HookSpec(preHook, postHook, deployHook);
    }

    /** Returns the hook timeout. */
    Duration timeout() {
        if (hookTimeoutSeconds < 1) {
            throw new UsageException("--hook-timeout must be at least 1 second");
        }
        return Duration.ofSeconds(hookTimeoutSeconds);
    }
}
