package dev.vacme.client;

import dev.vacme.client.cli.VacmeCli;

/**
 * Entry point of the {@code vacme} command: the only place that reads the process environment
 * (environment variables, terminal, clock); everything below gets it as an {@link Environment}.
 */
public final class ClientMain {

    private ClientMain() {
    }

    /** Runs the command line and exits with its exit code. */
    public static void main(String[] args) {
        Environment environment = Environment.ofProcess();
        environment.interruption().install(Thread.currentThread());
        int exitCode = new VacmeCli(environment).execute(args);
        ExitPreparation.stopHttpClientSelectors();
        System.exit(exitCode);
    }
}
