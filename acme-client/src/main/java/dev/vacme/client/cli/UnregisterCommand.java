package dev.vacme.client.cli;

import dev.vacme.client.acme.AcmeAccount;
import dev.vacme.client.issue.AccountManager;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code vacme unregister}: deactivates the account at the server (RFC 8555 §7.3.6) and removes
 * it from the config directory. Certificates stay valid; they can no longer be renewed with it.
 */
@Command(name = "unregister", mixinStandardHelpOptions = true,
        description = "Deactivate the account at the ACME server.")
final class UnregisterCommand implements Callable<Integer> {

    @ParentCommand
    private VacmeCommand root;

    @Override
    public Integer call() {
        CommandContext context = root.context();
        URI server = context.server(Optional.empty());
        AccountManager accounts = context.accounts();
        AcmeAccount account = accounts.require(server);
        if (!context.prompter().confirm("Deactivate the account " + account.url() + " at " + server
                + "? This cannot be undone.", true)) {
            context.output().info("Nothing changed.");
            return ExitCodes.OK;
        }
        account.deactivate();
        accounts.forget(server);
        context.output().info("Deactivated the account " + account.url() + " and removed it from "
                + context.layout().accounts());
        return ExitCodes.OK;
    }
}
