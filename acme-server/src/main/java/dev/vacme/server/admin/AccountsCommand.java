package dev.vacme.server.admin;

import dev.vacme.common.json.AcmeJson;
import dev.vacme.server.store.AccountSummary;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vacme-server admin accounts}: lists ACME accounts, oldest first. */
@Command(name = "accounts",
        mixinStandardHelpOptions = true,
        versionProvider = AdminCommand.Version.class,
        description = "Lists ACME accounts, oldest first: id, status, creation time, certificates issued, contacts.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:the database failed midway", "2:bad arguments or configuration, "
                + "or the store cannot be opened"})
final class AccountsCommand extends AdminSubcommand {

    @Option(names = "--json", description = "Print a JSON array instead of a table")
    boolean json;

    @Override
    int run(AdminSession session, PrintWriter out) {
        List<AccountView> views = AdminSession.await(session.store().listAccounts()).stream().map(AccountView::of).toList();
        if (json) {
            out.println(AcmeJson.write(views));
            return AdminCommand.EXIT_OK;
        }
        String format = "%-22s  %-11s  %-20s  %5s  %s%n";
        out.printf(format, "ACCOUNT", "STATUS", "CREATED", "CERTS", "CONTACT");
        for (AccountView view : views) {
            out.printf(format, view.id(), view.status(), view.createdAt().truncatedTo(ChronoUnit.SECONDS),
                    view.certificates(), String.join(",", view.contact()));
        }
        return AdminCommand.EXIT_OK;
    }

    /**
     * One account as the listing shows it.
     *
     * @param id            the account id (last segment of its URL)
     * @param status        {@code valid}, {@code deactivated} or {@code revoked}
     * @param contact       its contact URIs
     * @param createdAt     when it was created
     * @param certificates  how many certificates it has been issued
     * @param keyThumbprint the RFC 7638 thumbprint of its key
     */
    record AccountView(String id, String status, List<String> contact, Instant createdAt, int certificates,
            String keyThumbprint) {

        static AccountView of(AccountSummary summary) {
            var account = summary.account();
            return new AccountView(account.id(), account.status().wireName(), account.contact(), account.createdAt(),
                    summary.certificates(), account.keyThumbprint());
        }
    }
}
