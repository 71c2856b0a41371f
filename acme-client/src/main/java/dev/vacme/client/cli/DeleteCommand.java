package dev.vacme.client.cli;

import dev.vacme.client.UsageException;
import dev.vacme.client.store.ConfigLock;
import dev.vacme.client.store.LineageNames;
import dev.vacme.client.store.LineageStore;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code vacme delete}: removes a lineage's renewal configuration, live link and archive. */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = "Delete a certificate lineage (it is not revoked).")
final class DeleteCommand implements Callable<Integer> {

    @ParentCommand
    private VacmeCommand root;

    @Option(names = "--cert-name", paramLabel = "NAME", required = true, description = "The lineage to delete")
    private String certName;

    @Override
    public Integer call() {
        CommandContext context = root.context();
        String name = LineageNames.check(certName);
        LineageStore store = context.lineages();
        if (!store.exists(name) && store.liveVersion(name).isEmpty()) {
            throw new UsageException("no certificate named '" + name + "' in " + context.layout().root());
        }
        if (!context.prompter().confirm("Delete " + name + " and all its versions? Web server configurations"
                + " that use its files will break.", true)) {
            context.output().info("Nothing deleted.");
            return ExitCodes.OK;
        }
        try (ConfigLock lock = context.lock()) {
            store.delete(name);
        }
        context.output().info("Deleted all files of certificate " + name + ".");
        return ExitCodes.OK;
    }
}
