package dev.vacme.client.cli;

import dev.vacme.client.Environment;
import dev.vacme.client.ErrorText;
import dev.vacme.client.VacmeException;
import dev.vacme.client.Interruption;
import dev.vacme.client.UsageException;
import dev.vacme.client.deploy.InstallerRegistry;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
        if (VacmeCommand.talksToServerAtOnce(args)) {
            StartupWarmup.start();
        }
        InstallerRegistry installers = InstallerRegistry.discovered();
        VacmeCommand root = new VacmeCommand(environment, installers);
        CommandLine commandLine = commandLine(root, args);
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
                details(failure);
            }
            return ExitCodes.of(failure);
        });
        commandLine.setParameterExceptionHandler((failure, arguments) -> {
            environment.err().println("error: " + parameterMessage(failure));
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

    /** The picocli command line of {@code vacme} with the verbs {@link #verbsFor} chooses for the arguments. */
    static CommandLine commandLine(VacmeCommand root, String... args) {
        CommandLine commandLine = new CommandLine(root);
        for (Class<?> verb : verbsFor(args)) {
            commandLine.addSubcommand(verb);
        }
        return commandLine;
    }

    /**
     * The verbs to build: none for {@code --version} alone (it prints the version before any verb
     * would be looked at); only the one the arguments name when they name exactly one; else all
     * (the overall help, an unknown verb with its suggestions, or an argument that happens to spell
     * a verb, such as {@code -d renew}), so the result of parsing never depends on this shortcut.
     */
    static List<Class<?>> verbsFor(String... args) {
        if (onlyVersion(args)) {
            return List.of();
        }
        Set<String> arguments = new HashSet<>(Arrays.asList(args));
        List<Class<?>> named = new ArrayList<>(1);
        for (VacmeCommand.Verb verb : VacmeCommand.VERB_TABLE) {
            if (arguments.contains(verb.name())) {
                named.add(verb.type());
            }
        }
        return named.size() == 1 ? List.copyOf(named) : VacmeCommand.VERBS;
    }

    private static boolean onlyVersion(String... args) {
        if (args.length == 0) {
            return false;
        }
        for (String arg : args) {
            if (!arg.equals("--version") && !arg.equals("-V")) {
                return false;
            }
        }
        return true;
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

    /**
     * With {@code -v}: the causes of an expected failure in words, the stack trace only of an
     * unexpected one (a bug to report).
     */
    private void details(Exception failure) {
        if (!(failure instanceof VacmeException)) {
            failure.printStackTrace(environment.err());
            return;
        }
        for (Throwable cause = failure.getCause(); cause != null && cause != cause.getCause();
                cause = cause.getCause()) {
            environment.err().println("  caused by: " + ErrorText.of(cause));
        }
    }

    /**
     * Words for picocli's parse errors: a word where a verb belongs is an unknown command (picocli
     * says "Unmatched argument at index 0"), listed with the verbs there are.
     */
    static String parameterMessage(CommandLine.ParameterException failure) {
        CommandLine where = failure.getCommandLine();
        if (failure instanceof CommandLine.UnmatchedArgumentException unmatched && where.getParent() == null
                && !unmatched.getUnmatched().isEmpty() && !unmatched.getUnmatched().get(0).startsWith("-")) {
            return "unknown command '" + unmatched.getUnmatched().get(0) + "'; commands: "
                    + String.join(", ", where.getSubcommands().keySet());
        }
        return failure.getMessage();
    }

    private static String commandPath(CommandLine commandLine) {
        String name = commandLine.getCommandSpec().qualifiedName(" ");
        String path = name.startsWith("vacme") ? name.substring("vacme".length()).strip() : name;
        return path.isEmpty() ? "" : path + " ";
    }
}
