package dev.vacme.client.cli;

import dev.vacme.client.UsageException;
import dev.vacme.client.acme.AcmeAccount;
import dev.vacme.client.issue.AccountManager;
import dev.vacme.client.store.StoredAccount;
import dev.vacme.common.model.Account;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code vacme update-account}: replaces the account's contacts (RFC 8555 §7.3.2). */
@Command(name = "update-account", mixinStandardHelpOptions = true,
        description = "Change the account's contact email.")
final class UpdateAccountCommand implements Callable<Integer> {

    @ParentCommand
    private VacmeCommand root;

    @Option(names = {"-m", "--email"}, paramLabel = "EMAIL", required = true,
            description = "The new contact email (comma-separated for several)")
    private String email;

    @Override
    public Integer call() {
        CommandContext context = root.context();
        URI server = context.server(Optional.empty());
        AccountManager accounts = context.accounts();
        StoredAccount stored = accounts.stored(server).orElseThrow(() -> new UsageException(
                "there is no account at " + server + " in this config directory"));
        AccountOptions parsed = new AccountOptions();
        parsed.email = email;
        List<String> contacts = parsed.contacts();
        if (contacts.isEmpty()) {
            throw new UsageException("-m needs at least one email address");
        }
        AcmeAccount account = accounts.bind(stored);
        Account updated = account.updateContacts(contacts);
        List<String> now = updated.contact() == null ? contacts : updated.contact();
        accounts.save(stored.withContact(now));
        context.output().info("Updated the account at " + server + ": contact " + String.join(", ", now));
        context.output().jsonResult(Map.of("server", server.toString(), "url", stored.url().toString(),
                "contact", now));
        return ExitCodes.OK;
    }
}
