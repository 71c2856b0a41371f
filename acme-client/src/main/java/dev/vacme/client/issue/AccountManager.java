package dev.vacme.client.issue;

import dev.vacme.client.UsageException;
import dev.vacme.client.acme.AccountRegistration;
import dev.vacme.client.acme.AcmeAccount;
import dev.vacme.client.acme.AcmeProblemException;
import dev.vacme.client.acme.AcmeSession;
import dev.vacme.client.acme.AcmeSessions;
import dev.vacme.client.store.AccountStore;
import dev.vacme.client.store.StoredAccount;
import dev.vacme.common.jws.ExternalAccountBinding;
import dev.vacme.common.jws.JwsSigner;
import dev.vacme.common.model.DirectoryMeta;
import dev.vacme.common.model.NewAccountRequest;
import dev.vacme.common.pki.KeyType;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;

/**
 * The account at each ACME server: loads the stored one and binds it to the run's session, or
 * registers a new one (EC P-256 key, stored before it is registered; terms of service, external
 * account binding) and stores it.
 */
public final class AccountManager {

    private final AccountStore store;
    private final AcmeSessions sessions;
    private final Clock clock;
    private final SecureRandom random;

    /** Creates the manager. */
    public AccountManager(AccountStore store, AcmeSessions sessions, Clock clock, SecureRandom random) {
        this.store = store;
        this.sessions = sessions;
        this.clock = clock;
        this.random = random;
    }

    /** Returns the stored account for a server, without contacting it. */
    public Optional<StoredAccount> stored(URI server) {
        return store.load(server);
    }

    /** Returns the stored account bound to the server's session. */
    public Optional<AcmeAccount> existing(URI server) {
        return store.load(server).map(account -> bind(account));
    }

    /**
     * Returns the stored account bound to the server's session.
     *
     * @throws UsageException when there is none
     */
    public AcmeAccount require(URI server) {
        return existing(server).orElseThrow(() -> new UsageException("there is no account at " + server
                + " in this config directory; create one with: vacme register --server " + server
                + " -m EMAIL --agree-tos"));
    }

    /** Binds a stored account to the server's session. */
    public AcmeAccount bind(StoredAccount account) {
        return new AcmeAccount(sessions.session(account.server()), account.keys(), account.url());
    }

    /**
     * Registers a new account (RFC 8555 §7.3) and stores it, with the CA bundle its server needs
     * (null for none).
     *
     * @throws UsageException when the server's terms were not accepted or it needs an external
     *                        account binding that was not given
     */
    public StoredAccount register(URI server, Registration registration, Path caBundle) {
        AcmeSession session = sessions.session(server);
        DirectoryMeta meta = session.directory().meta();
        if (meta != null && meta.termsOfService() != null && !registration.agreeTos()) {
            throw new UsageException("the server's terms of service (" + meta.termsOfService()
                    + ") must be accepted: add --agree-tos");
        }
        if (meta != null && Boolean.TRUE.equals(meta.externalAccountRequired()) && !registration.hasEab()) {
            throw new UsageException("the server requires an external account binding: add --eab-kid KID"
                    + " --eab-hmac-key KEY as your CA handed them out");
        }
        Optional<KeyPair> pending = store.pendingKey(server);
        KeyPair keys = pending.orElseGet(() -> newKey(server));
        var binding = registration.hasEab()
                ? ExternalAccountBinding.sign(registration.eabKeyId(), registration.eabMacKey(),
                        JwsSigner.publicJwk(keys), session.directory().newAccount().toString()).toJsonNode()
                : null;
        NewAccountRequest request = new NewAccountRequest(registration.contacts(),
                registration.agreeTos() ? Boolean.TRUE : null, null, binding);
        AccountRegistration created;
        try {
            created = AcmeAccount.register(session, keys, request);
        } catch (AcmeProblemException e) {
            Integer status = e.problem().status();
            if (pending.isEmpty() && status != null && status < 500) {
                // The server refused the request: no account has this new key, so it need not be kept.
                store.discardPendingKey(server);
            }
            throw e;
        }
        StoredAccount account = new StoredAccount(server, created.url(), keys, registration.contacts(),
                clock.instant(), caBundle);
        store.save(account);
        return account;
    }

    /**
     * Returns a new EC P-256 key, saved (0600) before the server ever sees it, so that an account
     * is never created with a key vacme does not keep. A key left by an earlier registration that
     * did not finish is used instead (see {@link AccountStore#pendingKey}).
     */
    private KeyPair newKey(URI server) {
        KeyPair keys = KeyType.EC_P256.generate(random);
        store.saveKey(server, keys);
        return keys;
    }

    /** Saves changed account details. */
    public void save(StoredAccount account) {
        store.save(account);
    }

    /** Forgets a server's account locally. */
    public void forget(URI server) {
        store.delete(server);
    }
}
