package dev.vacme.client.renew;

import dev.vacme.client.Reporter;
import dev.vacme.client.acme.AcmeAccount;
import dev.vacme.client.acme.AcmeProblemException;
import dev.vacme.client.challenge.Authenticators;
import dev.vacme.client.hook.HookRunner;
import dev.vacme.client.issue.AccountManager;
import dev.vacme.client.issue.LineageIssuer;
import dev.vacme.client.issue.Obtained;
import dev.vacme.client.store.AriWindow;
import dev.vacme.client.store.CertificateFacts;
import dev.vacme.client.store.LineageStore;
import dev.vacme.client.store.RenewalConf;
import dev.vacme.common.problem.ProblemType;

/**
 * Obtains the next certificate of one lineage, for {@code certonly} and {@code renew} alike: the
 * account of the lineage's server, a fresh authenticator, the order carrying {@code replaces}
 * when the server offers ARI (RFC 9773 §5), and, once installed, the new certificate's renewal
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
        String replaces = !dryRun && previous != null && previous.ariId() != null
                && account.session().directory().renewalInfo() != null ? previous.ariId() : null;
        Obtained obtained;
        try {
            obtained = obtain(name, conf, account, replaces, dryRun);
        } catch (AcmeProblemException e) {
            if (replaces == null || e.type() != ProblemType.ALREADY_REPLACED) {
                throw e;
            }
            reporter.warn(name + ": the server says certificate " + previous.serial() + " was already replaced ("
                    + e.problem().detail() + "); ordering again without 'replaces'");
            obtained = obtain(name, conf, account, null, dryRun);
        }
        if (!dryRun && obtained.facts().renewalInfo() != null) {
            AriWindow window = ari.refresh(account.session(), obtained.facts(), null);
            RenewalConf withAri = obtained.conf().withAri(window);
            store.writeConf(name, withAri, vacmeVersion);
            obtained = new Obtained(name, obtained.chain(), withAri, obtained.facts(), obtained.files(), false);
        }
        return obtained;
    }

    private Obtained obtain(String name, RenewalConf conf, AcmeAccount account, String replaces, boolean dryRun) {
        return issuer.obtain(name, conf, account, Authenticators.create(conf.authenticator(), hooks, reporter::verbose),
                replaces, dryRun);
    }
}
