package dev.vacme.client.cli;

import dev.vacme.client.store.StoredAccount;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code vacme register}: creates an account at the ACME server (RFC 8555 §7.3). */
@Command(name = "register", mixinStandardHelpOptions = true,
        description = "Create an account at the ACME server.")
final class RegisterCommand implements Callable<Integer> {

    @ParentCommand
    private VacmeCommand root;

    @Mixin
    private AccountOptions account;

    @Override
    public Integer call() {
        CommandContext context = root.context();
        URI server = context.server(Optional.empty());
        Optional<StoredAccount> existing = context.accounts().stored(server);
        if (existing.isPresent()) {
            context.output().info("There is already an account at " + server + " in this config directory ("
                    + existing.get().url() + "); nothing changed. Use update-account to change its email.");
            context.output().jsonResult(describe(existing.get()));
            return ExitCodes.OK;
        }
        StoredAccount created = new AccountSetup(context).register(context.accounts(), server, account);
        context.output().jsonResult(describe(created));
        return ExitCodes.OK;
    }

    static Map<String, Object> describe(StoredAccount account) {
        return Map.of("server", account.server().toString(), "url", account.url().toString(),
                "contact", account.contact(), "created", account.created().toString());
    }
}
