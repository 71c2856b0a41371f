package dev.vacme.client.issue;

import dev.vacme.client.ErrorText;
import dev.vacme.client.acme.AcmeAccount;
import dev.vacme.client.acme.Poller;
import dev.vacme.client.challenge.Authenticator;
import dev.vacme.client.store.CertificateFacts;
import dev.vacme.client.store.LineageFiles;
import dev.vacme.client.store.LineageStore;
import dev.vacme.client.store.ProfileChoice;
import dev.vacme.client.store.RenewalConf;
import dev.vacme.client.store.StoreException;
import dev.vacme.common.model.Identifier;
import dev.vacme.common.pki.Pem;
import dev.vacme.common.pki.PkiException;
import java.net.URI;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Obtains a certificate for a lineage and installs it: chooses the key (a fresh one, or the
 * current one with {@code reuse_key}), builds the CSR, runs the order, checks that the
 * certificate is for that key and exactly the ordered names, stages the new version,
 * records its facts in the renewal configuration and then switches {@code live/NAME} to it. A dry run does all of it against the
 * server but stores nothing.
 */
public final class LineageIssuer {

    private final LineageStore store;
    private final Poller poller;
    private final Clock clock;
    private final SecureRandom random;
    private final Duration timeout;
    private final String vacmeVersion;
    private final Consumer<String> log;
    private final Consumer<String> warn;

    /** Creates the issuer. */
    public LineageIssuer(LineageStore store, Poller poller, Clock clock, SecureRandom random, Duration timeout,
            String vacmeVersion, Consumer<String> log) {
        this(store, poller, clock, random, timeout, vacmeVersion, log, log);
    }

    /** Creates the issuer, with warnings (an alternate chain it cannot use) apart from the details. */
    public LineageIssuer(LineageStore store, Poller poller, Clock clock, SecureRandom random, Duration timeout,
            String vacmeVersion, Consumer<String> log, Consumer<String> warn) {
        this.warn = warn;
        this.store = store;
        this.poller = poller;
        this.clock = clock;
        this.random = random;
        this.timeout = timeout;
        this.vacmeVersion = vacmeVersion;
        this.log = log;
    }

    /** The profile to ask for: a preferred one the directory does not list gives way to the default. */
    private String profile(RenewalConf conf, AcmeAccount account) {
        var meta = account.session().directory().meta();
        ProfileChoice choice = conf.profile();
        String profile = choice.forOrder(meta == null ? null : meta.profiles()).orElse(null);
        if (choice.name() != null && profile == null) {
            log.accept("the server does not offer profile " + choice.name() + "; using its default");
        }
        return profile;
    }

    /**
     * Obtains and (unless {@code dryRun}) installs a new version of the lineage.
     *
     * @param name          the lineage name
     * @param conf          how to obtain it
     * @param account       the account to order with
     * @param authenticator answers the challenges
     * @param replaces      the ARI id of the certificate being replaced, or null
     * @param dryRun        obtain, but store nothing
     */
    public Obtained obtain(String name, RenewalConf conf, AcmeAccount account, Authenticator authenticator,
            String replaces, boolean dryRun) {
        KeyPair key = chooseKey(name, conf);
        byte[] csr = CertificateKeys.csr(conf.domains(), key);
        List<Identifier> identifiers = CertificateKeys.identifiers(conf.domains());
        IssuedChain chain = new Issuer(account, poller, clock, timeout, log, warn)
                .issue(identifiers, csr, replaces, profile(conf, account),
                        conf.preferredChain() == null ? null : new ChainPreference(conf.preferredChain()), authenticator);
        CertificateCheck.verify(chain.leaf(), key.getPublic(), identifiers);
        URI renewalInfo = account.session().directory().renewalInfo();
        if (dryRun) {
            return new Obtained(name, chain, conf, CertificateFacts.of(0, chain.leaf(), renewalInfo, account.url()),
                    null, true);
        }
        // The renewal configuration describing the new version is written before live/NAME switches,
        // so the switch is the commit point: if the configuration cannot be written, nothing changed.
        int version = store.stage(name, chain.toPemBundle(Pem.encodePrivateKey(key.getPrivate())));
        CertificateFacts facts = CertificateFacts.of(version, chain.leaf(), renewalInfo, account.url());
        RenewalConf updated = conf.withCertificate(facts);
        try {
            store.writeConf(name, updated, vacmeVersion);
        } catch (StoreException e) {
            store.discardVersion(name, version);
            throw new StoreException(ErrorText.of(e) + "; the new certificate was not installed and the previous"
                    + " version stays live", e);
        }
        store.activate(name, version);
        LineageFiles files = store.liveFiles(name);
        log.accept("installed version " + version + " of " + name + " in " + store.versionFiles(name, version)
                .directory());
        return new Obtained(name, chain, updated, facts, files, false);
    }

    private KeyPair chooseKey(String name, RenewalConf conf) {
        CertificateFacts facts = conf.certificate();
        if (conf.key().reuseKey() && facts != null && facts.revoked()) {
            // A revoked certificate's key may be why it was revoked (keyCompromise); a CA may refuse it too.
            log.accept("not reusing the key of " + name + ": its certificate was " + facts.revocation().describe());
        } else if (conf.key().reuseKey() && store.liveVersion(name).isPresent()) {
            try {
                KeyPair current = Pem.readKeyPair(store.readLive(name, LineageFiles.PRIVKEY));
                log.accept("reusing the current private key of " + name);
                return current;
            } catch (PkiException e) {
                log.accept("cannot reuse the current key of " + name + " (" + ErrorText.of(e) + "); generating one");
            }
        }
        return CertificateKeys.generate(conf.key(), random);
    }
}
