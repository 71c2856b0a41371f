package dev.vacme.client.testing;

import dev.vacme.client.Reporter;
import dev.vacme.client.acme.AcmeSessions;
import dev.vacme.client.acme.Poller;
import dev.vacme.client.acme.TransportSettings;
import dev.vacme.client.hook.HookRunner;
import dev.vacme.client.issue.AccountManager;
import dev.vacme.client.issue.LineageIssuer;
import dev.vacme.client.issue.Registration;
import dev.vacme.client.renew.AriRefresher;
import dev.vacme.client.renew.LineageRenewer;
import dev.vacme.client.store.AccountStore;
import dev.vacme.client.store.AuthenticatorSpec;
import dev.vacme.client.store.ConfigLayout;
import dev.vacme.client.store.HookSpec;
import dev.vacme.client.store.KeySpec;
import dev.vacme.client.store.LineageStore;
import dev.vacme.client.store.RenewalConf;
import dev.vacme.client.store.StoredAccount;
import dev.vacme.common.testing.SettableClock;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The object graph of issuance and renewal (store, accounts, sessions, issuer, renewer) wired to
 * a {@link FakeAcme} instead of the network, with a fake clock and a sleeper that only advances
 * it; what the code reports is collected per level.
 */
public final class IssuanceFixture {

    private final Path config;
    private final FakeAcme acme;
    private final SettableClock clock = new SettableClock(Instant.now());
    private final RecordingSleeper sleeper = RecordingSleeper.advancing(clock);
    private final List<String> warnings = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private final List<String> verbose = new ArrayList<>();
    private final LineageStore store;
    private final AccountStore accountStore;
    private final AcmeSessions sessions;

    /** Creates the graph over a config directory and a fake server. */
    public IssuanceFixture(Path config, FakeAcme acme) {
        this.config = config;
        this.acme = acme;
        this.store = new LineageStore(new ConfigLayout(config), warnings::add);
        this.accountStore = new AccountStore(new ConfigLayout(config));
        this.sessions = new AcmeSessions(settings -> acme,
                server -> new TransportSettings(List.of(), Duration.ofSeconds(1), Duration.ofSeconds(1), "test"), clock);
    }

    /** Returns the reporter that collects messages. */
    public Reporter reporter() {
        return new Reporter() {
            @Override
            public void info(String message) {
            }

            @Override
            public void verbose(String message) {
                verbose.add(message);
            }

            @Override
            public void warn(String message) {
                warnings.add(message);
            }

            @Override
            public void error(String message) {
                errors.add(message);
            }
        };
    }

    /** Returns the config directory. */
    public Path config() {
        return config;
    }

    /** Returns the lineage store. */
    public LineageStore store() {
        return store;
    }

    /** Returns the account manager. */
    public AccountManager accounts() {
        return new AccountManager(accountStore, sessions, clock, new SecureRandom());
    }

    /** Registers an account at the fake server, replacing any stored one. */
    public StoredAccount register() {
        accounts().forget(FakeAcme.DIRECTORY);
        return accounts().register(FakeAcme.DIRECTORY, new Registration(List.of(), true, null, null), null);
    }

    /** Returns the lineage issuer. */
    public LineageIssuer issuer() {
        return new LineageIssuer(store, new Poller(clock, sleeper), clock, new SecureRandom(), Duration.ofMinutes(10),
                "test", verbose::add);
    }

    /** Returns the renewer, running hooks in {@code hookDir}. */
    public LineageRenewer renewer(Path hookDir) {
        return new LineageRenewer(store, accounts(), issuer(),
                new AriRefresher(clock, new Random(3), sleeper, warnings::add),
                new HookRunner(System.getenv(), Duration.ofSeconds(20), hookDir), reporter(), "test");
    }

    /** Returns a renewal configuration for the fake server with the given names and authenticator. */
    public static RenewalConf conf(AuthenticatorSpec authenticator, String... domains) {
        return new RenewalConf(FakeAcme.DIRECTORY, List.of(domains), authenticator, KeySpec.DEFAULT, HookSpec.NONE,
                null, null);
    }

    /** Returns a standalone renewal configuration (never used: the fake's authorizations start valid). */
    public static RenewalConf conf(String... domains) {
        return conf(AuthenticatorSpec.standalone("127.0.0.1", 1), domains);
    }

    /** Returns the warnings so far. */
    public List<String> warnings() {
        return warnings;
    }

    /** Returns the errors so far. */
    public List<String> errors() {
        return errors;
    }

    /** Returns the verbose messages so far. */
    public List<String> verbose() {
        return verbose;
    }

    /** Returns the fake server. */
    public FakeAcme acme() {
        return acme;
    }
}
