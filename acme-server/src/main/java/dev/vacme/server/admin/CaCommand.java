package dev.vacme.server.admin;

import dev.vacme.server.ca.CaException;
import dev.vacme.server.ca.CaRotation;
import dev.vacme.server.ca.CaSetup;
import dev.vacme.server.ca.CaStorage;
import dev.vacme.server.ca.IssuerSchedule;
import dev.vacme.server.config.CaKeyOptions;
import dev.vacme.server.config.ConfigException;
import dev.vacme.server.config.ConfigLoader;
import dev.vacme.server.config.ServerConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code vacme-server ca}: the operator's commands on the CA's keys and certificates in
 * {@code <data-dir>/ca}. They work on the files alone, offline or while the server runs; a
 * running server picks up what they make within a minute, or at once on SIGHUP.
 */
@Command(name = "ca", mixinStandardHelpOptions = true,
        versionProvider = AdminCommand.Version.class,
        description = "Show and change the CA's hierarchy: intermediates, their rotation, alternate chains "
                + "(safe while the server runs).",
        subcommands = {CaShowCommand.class, CaRotateCommand.class, CaCrossSignCommand.class, RootCrlCommand.class})
public final class CaCommand implements Callable<Integer> {

    /** The exit codes every ca subcommand documents in its help. */
    static final String[] EXIT_CODES = {
        "0:done",
        "1:the CA's files or token keys could not be read or written",
        "2:bad arguments or configuration (also: no CA in the data directory, token options missing for a CA "
            + "on a token, a wrong PIN)"};

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return AdminCommand.EXIT_USAGE;
    }

    /**
     * The options every ca command shares: which server's CA, the settings that time its rotation,
     * and where its keys live, named as for the server.
     */
    static final class CaOptions {

        @Option(names = "--config", paramLabel = "FILE",
                description = "The server's YAML file; its data-dir, intermediate-overlap, profiles and ca-key "
                        + "settings are used")
        Path configFile;

        @Option(names = "--data-dir", paramLabel = "DIR", description = "The server's data directory (default: ./vacme-data)")
        String dataDir;

        @Option(names = "--intermediate-overlap", paramLabel = "DURATION",
                description = "As given to the server (default: the config file's, else 24h)")
        String intermediateOverlap;

        @Option(names = "--cert-validity", paramLabel = "DURATION",
                description = "As given to the server (default: the config file's, else 90d)")
        String certValidity;

        @Mixin
        CaKeyOptions keys;

        /**
         * Loads the configuration exactly as the server does.
         *
         * @param environment the process environment, for the PIN in VACME_PKCS11_PIN
         */
        ServerConfig load(Map<String, String> environment) {
            Optional<String> refused = keys.refusal();
            if (refused.isPresent()) {
                throw new ConfigException(refused.get());
            }
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("data-dir", dataDir);
            values.put("intermediate-overlap", intermediateOverlap);
            values.put("cert-validity", certValidity);
            keys.putInto(values);
            return ConfigLoader.load(Optional.ofNullable(configFile), values, environment);
        }
    }

    /**
     * The server's CA, opened by a command.
     *
     * @param config   the server's configuration
     * @param storage  the CA directory's files
     * @param rotation the operations on the hierarchy, with the keys where the CA keeps them
     * @param schedule when each intermediate issues and answers
     */
    record Ca(ServerConfig config, CaStorage storage, CaRotation rotation, IssuerSchedule schedule) {
    }

    /** What every ca subcommand does around its work: loads the configuration, maps failures to exit codes. */
    abstract static class CaSubcommand implements Callable<Integer> {

        @Mixin
        CaOptions options;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        /** Does the work; returns the exit code. */
        abstract int run(Ca ca, PrintWriter out);

        @Override
        public final Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                // The command's entry: the one place that reads the environment (the token's PIN).
                ServerConfig config = options.load(System.getenv());
                Clock clock = Clock.systemUTC();
                CaStorage storage = new CaStorage(CaSetup.directory(config.dataDir()), clock, new SecureRandom());
                if (storage.isEmpty()) {
                    throw new AdminException(AdminCommand.EXIT_USAGE, "no CA in " + storage.directory()
                            + ": give the server's --data-dir (or --config); the server makes the CA on its first start");
                }
                return run(new Ca(config, storage, CaKeyAccess.rotation(config.caKey(), storage, clock),
                        new IssuerSchedule(config.intermediateOverlap(), config.profiles().longestValidity())), out);
            } catch (AdminException e) {
                err.println("vacme-server ca: " + e.getMessage());
                return e.exitCode();
            } catch (ConfigException | IllegalArgumentException e) {
                err.println("vacme-server ca: " + e.getMessage());
                return AdminCommand.EXIT_USAGE;
            } catch (CaException e) {
                err.println("vacme-server ca: " + e.getMessage());
                return AdminCommand.EXIT_FAILED;
            } finally {
                out.flush();
                err.flush();
            }
        }
    }
}
