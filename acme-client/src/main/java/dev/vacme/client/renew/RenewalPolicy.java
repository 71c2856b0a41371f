package dev.vacme.client.renew;

import dev.vacme.client.renew.RenewalDecision.Basis;
import dev.vacme.client.renew.RenewalDecision.Verdict;
import dev.vacme.client.store.AriWindow;
import dev.vacme.client.store.CertificateFacts;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Decides whether a lineage is due, from what is stored locally only: no network, no
 * certificate parsing.
 * <ul>
 *   <li>When the server offers renewal information (RFC 9773) and it has been fetched, the
 *       lineage is due once the random point chosen in the suggested window has passed (§4.2).
 *       When the server's {@code Retry-After} has passed, the information must be fetched again
 *       first (§4.3), which is the only time a run with nothing due contacts the server.</li>
 *   <li>Otherwise it is due when a third of its lifetime is left, or half for lifetimes under
 *       ten days (the rule certbot and lego use).</li>
 *   <li>An expired certificate is always due, and its renewal information is not fetched (§4.3).</li>
 *   <li>A certificate known to be revoked is due at once: relying parties reject it, so neither a
 *       remembered {@code Retry-After} nor the window is waited for.</li>
 * </ul>
 */
public final class RenewalPolicy {

    /** Lifetimes below this renew at half instead of a third. */
    public static final Duration SHORT_LIFETIME = Duration.ofDays(10);

    /** Decides for a lineage; {@code facts} null means it has no certificate yet. */
    public RenewalDecision decide(CertificateFacts facts, AriWindow ari, Instant now) {
        if (facts == null) {
            return new RenewalDecision(Verdict.DUE, now, Basis.EXPIRED, "it has no certificate yet");
        }
        if (!now.isBefore(facts.notAfter())) {
            return new RenewalDecision(Verdict.DUE, facts.notAfter(), Basis.EXPIRED,
                    "the certificate expired at " + facts.notAfter());
        }
        if (facts.revoked()) {
            return new RenewalDecision(Verdict.DUE, facts.revocation().revokedAt(), Basis.REVOKED,
                    "the certificate was " + facts.revocation().describe());
        }
        boolean ariOffered = facts.renewalInfo() != null && facts.ariId() != null;
        if (ariOffered && (ari == null || ari.nextCheck() == null || !now.isBefore(ari.nextCheck()))) {
            RenewalDecision known = ari != null && ari.hasWindow() ? byWindow(ari, now) : byLifetime(facts, now);
            return new RenewalDecision(Verdict.CHECK_ARI, known.renewAt(), known.basis(),
                    "its renewal information is to be checked again; " + known.reason());
        }
        if (ariOffered && ari.hasWindow()) {
            return byWindow(ari, now);
        }
        return byLifetime(facts, now);
    }

    /** Returns when the lifetime rule makes a certificate due. */
    public static Instant lifetimeThreshold(CertificateFacts facts) {
        Duration lifetime = facts.lifetime();
        Duration left = lifetime.compareTo(SHORT_LIFETIME) < 0 ? lifetime.dividedBy(2) : lifetime.dividedBy(3);
        return facts.notAfter().minus(left).truncatedTo(ChronoUnit.SECONDS);
    }

    private static RenewalDecision byWindow(AriWindow ari, Instant now) {
        String window = "the server's renewal window " + ari.start() + " .. " + ari.end();
        if (!now.isBefore(ari.selected())) {
            return new RenewalDecision(Verdict.DUE, ari.selected(), Basis.ARI,
                    window + " is open and the point chosen in it (" + ari.selected() + ") has passed");
        }
        return new RenewalDecision(Verdict.NOT_DUE, ari.selected(), Basis.ARI,
                "at the point chosen at random in " + window);
    }

    private static RenewalDecision byLifetime(CertificateFacts facts, Instant now) {
        Instant threshold = lifetimeThreshold(facts);
        String rule = facts.lifetime().compareTo(SHORT_LIFETIME) < 0
                ? "half of its lifetime is left" : "a third of its lifetime is left";
        if (!now.isBefore(threshold)) {
            return new RenewalDecision(Verdict.DUE, threshold, Basis.LIFETIME, rule + " since " + threshold);
        }
        return new RenewalDecision(Verdict.NOT_DUE, threshold, Basis.LIFETIME, "when " + rule);
    }
}
