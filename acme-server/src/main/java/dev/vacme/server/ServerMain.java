package dev.vacme.server;

import dev.vacme.common.VacmeVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the Vacme ACME server. */
@Command(name = "vacme-server",
        mixinStandardHelpOptions = true,
        versionProvider = ServerMain.Version.class,
        description = "Runs the Vacme ACME (RFC 8555) certificate authority.")
public final class ServerMain implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits with its exit code. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new ServerMain()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().getErr().println("vacme-server: serving is not built yet (issue 3); try --help or --version");
        spec.commandLine().getErr().flush();
        throw new CommandLine.ExecutionException(spec.commandLine(), "not built yet");
    }

    /** Supplies {@code --version} from the build. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"vacme-server " + VacmeVersion.get()};
        }
    }
}
