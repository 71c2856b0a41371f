package dev.vacme.client.cli;

import dev.vacme.client.acme.AcmeAccount;
import dev.vacme.common.jws.Jwks;
import dev.vacme.common.model.Account;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code vacme show-account}: shows the account as the server knows it (RFC 8555 §7.3.2). */
@Command(name = "show-account", mixinStandardHelpOptions = true,
        description = "Show the account at the ACME server.")
final class ShowAccountCommand implements Callable<Integer> {

    @ParentCommand
    private VacmeCommand root;

    @Override
    public Integer call() {
        CommandContext context = root.context();
        URI server = context.server(Optional.empty());
        AcmeAccount account = context.accounts().require(server);
        Account remote = account.fetch();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("server", server.toString());
        json.put("url", account.url().toString());
        json.put("status", remote.status().wireName());
        json.put("contact", remote.contact() == null ? List.of() : remote.contact());
        json.put("orders", remote.orders() == null ? null : remote.orders().toString());
        json.put("keyThumbprint", Jwks.thumbprint(account.keys().getPublic()));
        context.output().jsonResult(json);
        context.output().result("Account details for server " + server + ":\n"
                + "  Account URL: " + account.url() + "\n"
                + "  Status: " + remote.status().wireName() + "\n"
                + "  Email contact: " + (remote.contact() == null || remote.contact().isEmpty() ? "none"
                        : String.join(", ", remote.contact()).replace("mailto:", "")) + "\n"
                + "  Account key thumbprint: " + json.get("keyThumbprint"));
        return ExitCodes.OK;
    }
}
