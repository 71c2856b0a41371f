package dev.vacme.client.cli;

import dev.vacme.client.UsageException;
import dev.vacme.client.issue.AccountManager;
import dev.vacme.client.issue.Registration;
import dev.vacme.client.store.StoredAccount;
import dev.vacme.common.model.DirectoryMeta;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Registers an account the way certbot does it: an email unless
 * {@code --register-unsafely-without-email}, agreement to the terms of service by flag or by an
 * answer at the terminal (RFC 8555 §7.3: clients should not agree on the user's behalf), and an
 * external account binding when given.
 */
final class AccountSetup {

    private final CommandContext context;

    AccountSetup(CommandContext context) {
        this.context = context;
    }

    /** Returns the stored account of the server, registering one first when there is none. */
    StoredAccount ensure(URI server, AccountOptions options) {
        AccountManager accounts = context.accounts();
        Optional<StoredAccount> existing = accounts.stored(server);
        if (existing.isPresent()) {
            return rememberCaBundle(accounts, existing.get());
        }
        // Check the URL before saying anything about accounts: a mistyped --server is the likelier news.
        context.sessions().session(server).directory();
        context.output().info("No account at " + server + " yet; registering one.");
        return register(accounts, server, options);
    }

    /** Registers a new account. */
    StoredAccount register(AccountManager accounts, URI server, AccountOptions options) {
        List<String> contacts = contacts(options);
        boolean agree = options.agreeTos || askTermsOfService(server);
        StoredAccount account = accounts.register(server,
                new Registration(contacts, agree, options.eabKid, options.eabMacKey()),
                context.settings().caBundle().orElse(null));
        context.output().info("Account registered at " + server + ": " + account.url());
        return account;
    }

    /** Remembers a {@code --ca-bundle} given now for the account's server, for later (cron) runs. */
    private StoredAccount rememberCaBundle(AccountManager accounts, StoredAccount account) {
        Optional<Path> given = context.settings().caBundle();
        if (given.isEmpty() || given.get().equals(account.caBundle())) {
            return account;
        }
        StoredAccount updated = account.withCaBundle(given.get());
        accounts.save(updated);
        return updated;
    }

    private List<String> contacts(AccountOptions options) {
        List<String> contacts = options.contacts();
        if (!contacts.isEmpty() || options.withoutEmail) {
            return contacts;
        }
        Prompter prompter = context.prompter();
        if (!prompter.interactive()) {
            throw new UsageException("an account needs a contact address: give -m EMAIL, or"
                    + " --register-unsafely-without-email");
        }
        AccountOptions answered = new AccountOptions();
        answered.email = prompter.ask("Email address for urgent notices about your account:", "-m EMAIL");
        contacts = answered.contacts();
        if (contacts.isEmpty()) {
            throw new UsageException("no email address given; use --register-unsafely-without-email to register"
                    + " without one");
        }
        return contacts;
    }

    private boolean askTermsOfService(URI server) {
        DirectoryMeta meta = context.sessions().session(server).directory().meta();
        if (meta == null || meta.termsOfService() == null) {
            return false;
        }
        return context.prompter().confirm("Please read the terms of service at " + meta.termsOfService()
                + ". You must agree to them to register with " + server + ". Do you agree?", false);
    }
}
