package dev.vacme.client.renew;

import java.time.Instant;

/**
 * Whether a lineage is due, and why.
 *
 * @param verdict what to do now
 * @param renewAt when it is (or was) due; for display in {@code certificates}
 * @param basis   what the time is based on
 * @param reason  a sentence for the operator
 */
public record RenewalDecision(Verdict verdict, Instant renewAt, Basis basis, String reason) {

    /** What a renew run does with a lineage. */
    public enum Verdict {
        /** Renew it now. */
        DUE,
        /** Leave it. */
        NOT_DUE,
        /** Fetch renewal information first, then decide again. */
        CHECK_ARI
    }

    /** Where the renewal time comes from. */
    public enum Basis {
        /** The server's renewal window (RFC 9773). */
        ARI,
        /** The fraction of the lifetime left. */
        LIFETIME,
        /** The certificate has expired or is missing. */
        EXPIRED,
        /** The certificate is revoked (by {@code vacme revoke}, or as its CA's OCSP responder or CRL says). */
        REVOKED,
        /** Renewal was forced. */
        FORCED
    }

    /** Returns true when the lineage should be renewed now. */
    public boolean due() {
        return verdict == Verdict.DUE;
    }
}
