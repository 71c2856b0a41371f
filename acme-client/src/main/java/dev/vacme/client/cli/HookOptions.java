package dev.vacme.client.cli;

import dev.vacme.client.UsageException;
import dev.vacme.client.store.HookSpec;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The hook options of {@code certonly} and {@code renew}, named as certbot names them. */
public final class HookOptions {

    @Option(names = "--pre-hook", paramLabel = "CMD",
            description = "Command run once before obtaining certificates, e.g. to stop a web server"
                    + " (remembered for renewals)")
    String preHook;

    @Option(names = "--post-hook", paramLabel = "CMD",
            description = "Command run once after obtaining certificates, with RENEWED_DOMAINS and FAILED_DOMAINS"
                    + " (remembered for renewals)")
    String postHook;

    @Option(names = {"--deploy-hook", "--renew-hook"}, paramLabel = "CMD",
            description = "Command run after each certificate obtained, with RENEWED_LINEAGE and RENEWED_DOMAINS"
                    + " (remembered for renewals)")
    String deployHook;

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
