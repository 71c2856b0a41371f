package dev.vacme.client.renew;

import dev.vacme.client.Reporter;
import dev.vacme.client.VacmeException;
import dev.vacme.client.acme.AcmeAccount;
import dev.vacme.client.acme.AcmeProblemException;
import dev.vacme.client.challenge.Authenticators;
import dev.vacme.client.hook.HookRunner;
import dev.vacme.client.issue.AccountManager;
import dev.vacme.client.issue.CertificateKeys;
import dev.vacme.client.issue.CertificateNames;
import dev.vacme.client.issue.LineageIssuer;
import dev.vacme.client.issue.Obtained;
import dev.vacme.client.store.AriWindow;
import dev.vacme.client.store.CertificateFacts;
import dev.vacme.client.store.LineageFiles;
import dev.vacme.client.store.LineageStore;
import dev.vacme.client.store.RenewalConf;
import dev.vacme.common.model.Identifier;
import dev.vacme.common.pki.Pem;
import dev.vacme.common.pki.PkiException;
import dev.vacme.common.problem.ProblemType;
import java.security.cert.X509Certificate;
import java.util.Set;

/**
 * Obtains the next certificate of one lineage, for {@code certonly} and {@code renew} alike: the
 * account of the lineage's server, a fresh authenticator, the order carrying {@code replaces}
 * when it can apply (RFC 9773 §5, see {@link ReplacesChoice}; ordered again without it when the
 * server refuses it), and, once installed, the new certificate's renewal
 * information fetched right away (§4.3) so that the next run needs no network.
 */
public final class LineageRenewer implements Renewer {

    private final LineageStore store;
    private final AccountManager accounts;
    private final LineageIssuer issuer;
    private final AriRefresher ari;
    private final HookRunner hooks;
    private final Reporter reporter;
    private final String vacmeVersion;

    /** Creates the renewer. */
    public LineageRenewer(LineageStore store, AccountManager accounts, LineageIssuer issuer, AriRefresher ari,
            HookRunner hooks, Reporter reporter, String vacmeVersion) {
        this.store = store;
        this.accounts = accounts;
        this.issuer = issuer;
        this.ari = ari;
        this.hooks = hooks;
        this.reporter = reporter;
        this.vacmeVersion = vacmeVersion;
    }

    /**
     * Obtains a certificate for the lineage and, unless {@code dryRun}, installs it.
     *
     * @param name     the lineage
     * @param conf     how to obtain it (already carrying any changes to remember)
     * @param previous facts about the certificate being replaced, or null
     * @param dryRun   obtain but store nothing; never sends {@code replaces}, which would mark
     *                 the live certificate as replaced at the server
     */
    @Override
    public Obtained renew(String name, RenewalConf conf, CertificateFacts previous, boolean dryRun) {
        AcmeAccount account = accounts.require(conf.server());
        String replaces = dryRun ? null : replaces(name, conf, previous, account);
        Obtained obtained;
        try {
            obtained = obtain(name, conf, account, replaces, dryRun);
        } catch (AcmeProblemException e) {
            if (replaces == null || !refusedOrder(e, account)) {
                throw e;
            }
            reporter.warn(name + ": the server refused the order that replaces certificate " + previous.serial()
                    + " (" + e.getMessage() + "); ordering again without 'replaces'");
            obtained = obtain(name, conf, account, null, dryRun);
        }
        return dryRun || obtained.facts().renewalInfo() == null ? obtained : withRenewalInfo(account, obtained);
    }

    /**
     * Fetches and records the new certificate's renewal information. The certificate is live by
     * now, so a failure here is only a warning: the next run fetches it.
     */
    private Obtained withRenewalInfo(AcmeAccount account, Obtained obtained) {
        String name = obtained.name();
        try {
            AriWindow window = ari.refresh(account.session(), obtained.facts(), null);
            RenewalConf withAri = obtained.conf().withAri(window);
            store.writeConf(name, withAri, vacmeVersion);
            return new Obtained(name, obtained.chain(), withAri, obtained.facts(), obtained.files(), false);
        } catch (RuntimeException e) {
            reporter.warn(name + ": the new certificate is installed, but its renewal information could not be"
                    + " recorded (" + e.getMessage() + "); the next renew run fetches it");
            return obtained;
        }
    }

    /** Returns the ARI id to send as {@code replaces}, or null when it cannot apply (see {@link ReplacesChoice}). */
    private String replaces(String name, RenewalConf conf, CertificateFacts previous, AcmeAccount account) {
        ReplacesChoice choice = ReplacesChoice.decide(previous, previousIdentifiers(name, previous), account.url(),
                account.session().directory().renewalInfo(), CertificateKeys.identifiers(conf.domains()));
        reporter.verbose(name + ": " + choice.reason());
        return choice.ariId();
    }

    /** Returns the names of the live certificate when it is the one the facts describe, else none. */
    private Set<Identifier> previousIdentifiers(String name, CertificateFacts previous) {
        if (previous == null || !store.exists(name)) {
            return Set.of();
        }
        try {
            X509Certificate live = Pem.readCertificate(store.readLive(name, LineageFiles.CERT));
            return live.getSerialNumber().toString(16).equals(previous.serial()) ? CertificateNames.of(live)
                    : Set.of();
        } catch (VacmeException | PkiException e) {
            reporter.verbose(name + ": cannot read the live certificate (" + e.getMessage() + ")");
            return Set.of();
        }
    }

    /**
     * Returns true when the server refused the newOrder request itself with a client error: with
     * {@code replaces} sent, that is in practice a {@code replaces} it does not accept
     * ({@code alreadyReplaced}, or {@code malformed} for a certificate of another account or other
     * names). A rate limit is not about {@code replaces}, so it is not retried.
     */
    private static boolean refusedOrder(AcmeProblemException e, AcmeAccount account) {
        Integer status = e.problem().status();
        return status != null && status >= 400 && status < 500 && e.type() != ProblemType.RATE_LIMITED
                && account.session().directory().newOrder().equals(e.requestUrl());
    }

    private Obtained obtain(String name, RenewalConf conf, AcmeAccount account, String replaces, boolean dryRun) {
        return issuer.obtain(name, conf, account, Authenticators.create(conf.authenticator(), hooks, reporter::verbose),
                replaces, dryRun);
    }
}
