package dev.vacme.server.admin;

import dev.vacme.common.VacmeVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code vacme-server admin}: operator commands on a server's store, safe to run while servers
 * use it. Each subcommand opens the store named by {@code --data-dir}/{@code --db}/{@code --config}
 * exactly as the server would.
 */
@Command(name = "admin",
        mixinStandardHelpOptions = true,
        versionProvider = AdminCommand.Version.class,
        description = "Operator commands on the server's store (safe while the server runs).",
        subcommands = {CertsCommand.class, AccountsCommand.class, RevokeCommand.class, StoreCommand.class})
public final class AdminCommand {

    /** The command did what was asked. */
    public static final int EXIT_OK = 0;
    /** The store was read but the answer is bad: violations found, revocation refused, or a database failure. */
    public static final int EXIT_FAILED = 1;
    /** Bad arguments or configuration, or the store could not be opened. */
    public static final int EXIT_USAGE = 2;

    /** The exit codes every admin subcommand documents in its help. */
    static final String[] EXIT_CODES = {
        "0:done",
        "1:the answer is bad (violations found, revocation refused) or the database failed midway",
        "2:bad arguments or configuration, or the store cannot be opened"};

    /** Supplies {@code --version} to the admin commands, as the server's own does. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"vacme-server " + VacmeVersion.describe()};
        }
    }
}
