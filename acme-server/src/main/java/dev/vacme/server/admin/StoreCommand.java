package dev.vacme.server.admin;

import dev.vacme.server.config.Durations;
import dev.vacme.server.ra.InterruptedWorkRecovery;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vacme-server admin store}: commands about the store as a whole. */
@Command(name = "store",
        mixinStandardHelpOptions = true,
        versionProvider = AdminCommand.Version.class,
        description = "Commands about the store as a whole.",
        subcommands = StoreCommand.Check.class)
final class StoreCommand {

    /** {@code vacme-server admin store check}: the integrity check, one line per violation. */
    @Command(name = "check",
            mixinStandardHelpOptions = true,
            versionProvider = AdminCommand.Version.class,
            description = {"Checks the store's integrity: every valid order has its certificate, no order has two, "
                    + "no serial number is used twice, nothing is stuck in processing beyond the recovery window.",
                "Prints one line per violation. Only reads, so it is safe while servers run."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:no violation", "1:violations found (one line each on stdout), or the database "
                    + "failed midway", "2:bad arguments or configuration, or the store cannot be opened"})
    static final class Check extends AdminSubcommand {

        @Option(names = "--recovery-window", paramLabel = "DURATION",
                description = "How long an order or challenge may stay in processing before it counts as stuck "
                        + "(default: 5m, the server's own recovery window)")
        String recoveryWindow;

        private Duration window = InterruptedWorkRecovery.GRACE;

        @Override
        void checkArguments() {
            if (recoveryWindow != null) {
                try {
                    window = Durations.parse(recoveryWindow);
                } catch (IllegalArgumentException e) {
                    throw new AdminException(AdminCommand.EXIT_USAGE, "--recovery-window: " + e.getMessage());
                }
            }
        }

        @Override
        int run(AdminSession session, PrintWriter out) {
            StoreCheck.Result result = AdminSession.await(
                    new StoreCheck(session.store(), Clock.systemUTC(), window).run());
            result.violations().forEach(out::println);
            if (!result.violations().isEmpty()) {
                spec.commandLine().getErr().println("vacme-server admin: store check found "
                        + result.violations().size() + " violation(s)");
                return AdminCommand.EXIT_FAILED;
            }
            out.println("store check: " + result.certificates() + " certificate(s), no violations");
            return AdminCommand.EXIT_OK;
        }
    }
}
