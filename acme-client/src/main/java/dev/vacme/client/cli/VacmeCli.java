package dev.vacme.client.cli;

import dev.vacme.client.Environment;
import dev.vacme.client.Interruption;
import dev.vacme.client.UsageException;
import dev.vacme.client.deploy.InstallerRegistry;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Builds the picocli command line for an environment and runs it; failures of any verb end up
 * in one handler that prints them and asks {@link ExitCodes} for the exit code.
 */
public final class VacmeCli {

    private final Environment environment;
    private boolean interruptionReported;

    /** Creates the command line for an environment. */
    public VacmeCli(Environment environment) {
        this.environment = environment;
    }

    /** Runs the arguments and returns the exit code. */
    public int execute(String... args) {
        InstallerRegistry installers = InstallerRegistry.discovered();
        VacmeCommand root = new VacmeCommand(environment, installers);
        CommandLine commandLine = new CommandLine(root);
        for (CommandLine sub : commandLine.getSubcommands().values()) {
            attachPluginOptions(installers, sub);
        }
        // Repeated -d and -w arrive one by one at their setters, in command-line order (certbot semantics);
        // for other options, as with certbot, the last occurrence wins.
        commandLine.setOverwrittenOptionsAllowed(true);
        commandLine.setOut(new PrintWriter(environment.out(), true));
        commandLine.setErr(new PrintWriter(environment.err(), true));
        commandLine.setExecutionExceptionHandler((failure, cmd, parseResult) -> {
            if (environment.interruption().received().isPresent()) {
                return interrupted();
            }
            environment.err().println("error: " + ExitCodes.message(failure));
            if (root.verboseFlag()) {
                failure.printStackTrace(environment.err());
            }
            return ExitCodes.of(failure);
        });
        commandLine.setParameterExceptionHandler((failure, arguments) -> {
            environment.err().println("error: " + failure.getMessage());
            environment.err().println("Try 'vacme " + commandPath(failure.getCommandLine()) + "--help' for usage.");
            return ExitCodes.of(failure);
        });
        String[] expanded;
        try {
            expanded = CliIni.expand(args, commandLine, path -> environment.workingDir().resolve(path).normalize(),
                    () -> VacmeCommand.defaultConfigDir(environment), environment.err());
        } catch (UsageException e) {
            environment.err().println("error: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        int exitCode = commandLine.execute(expanded);
        if (environment.interruption().received().isPresent() && !interruptionReported) {
            // The signal came while nothing was waiting, and the command finished anyway.
            return interrupted();
        }
        return exitCode;
    }

    /**
     * Says, in one line, that a signal stopped the run after it cleaned up, and returns the exit
     * code for it (see {@link ExitCodes}).
     */
    private int interrupted() {
        Interruption.Received signal = environment.interruption().received().orElseThrow();
        if (!interruptionReported) {
            interruptionReported = true;
            environment.err().println("vacme: interrupted by " + signal.name() + "; stopped after cleaning up"
                    + " (hooks, challenge responses, pending authorizations, lock)");
        }
        return signal.exitCode();
    }

    /**
     * Adds the installers' options to the verbs that install, and the authenticator plugins'
     * ({@code --nginx}, {@code --apache}) to the verbs that obtain: on a verb that does both, one
     * set of options serves the installer and the authenticator.
     */
    private static void attachPluginOptions(InstallerRegistry installers, CommandLine sub) {
        Object command = sub.getCommand();
        if (command instanceof InstallingCommand installing) {
            installing.deployOptions().attach(installers, sub);
        }
        if (command instanceof AuthenticatingCommand authenticating) {
            if (command instanceof InstallingCommand installing) {
                authenticating.authenticatorOptions().plugins(installing.deployOptions().authenticatorPlugins());
            } else {
                authenticating.authenticatorOptions().attachPlugins(installers, sub);
            }
        }
    }

    private static String commandPath(CommandLine commandLine) {
        String name = commandLine.getCommandSpec().qualifiedName(" ");
        String path = name.startsWith("vacme") ? name.substring("vacme".length()).strip() : name;
        return path.isEmpty() ? "" : path + " ";
    }
}
