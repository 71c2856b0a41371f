package dev.vacme.client;

import dev.vacme.common.VacmeVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code vacme} command. */
@Command(name = "vacme",
        mixinStandardHelpOptions = true,
        versionProvider = ClientMain.Version.class,
        description = "Obtains, installs and renews TLS certificates from an ACME server.")
public final class ClientMain implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits with its exit code. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new ClientMain()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Supplies {@code --version} from the build. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"vacme " + VacmeVersion.get()};
        }
    }
}
