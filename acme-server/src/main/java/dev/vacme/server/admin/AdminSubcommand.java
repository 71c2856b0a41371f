package dev.vacme.server.admin;

import dev.vacme.server.config.ConfigException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;

/**
 * What every admin subcommand does around its work: opens the store, turns failures into one line
 * on stderr ({@code vacme-server admin: ...}) and an exit code, and closes the store.
 */
abstract class AdminSubcommand implements Callable<Integer> {

    @Mixin
    StoreOptions storeOptions;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Does the work on an open store; returns the exit code. */
    abstract int run(AdminSession session, PrintWriter out);

    /** Checks the arguments before the store is opened; throws {@link AdminException} for bad ones. */
    void checkArguments() {
    }

    @Override
    public final Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            checkArguments();
            try (AdminSession session = AdminSession.open(storeOptions.load())) {
                return run(session, out);
            }
        } catch (AdminException e) {
            err.println("vacme-server admin: " + e.getMessage());
            return e.exitCode();
        } catch (ConfigException | IllegalArgumentException e) {
            err.println("vacme-server admin: " + e.getMessage());
            return AdminCommand.EXIT_USAGE;
        } finally {
            out.flush();
            err.flush();
        }
    }
}
