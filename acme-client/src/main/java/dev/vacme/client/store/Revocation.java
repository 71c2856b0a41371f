package dev.vacme.client.store;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * That a lineage's current certificate is revoked, as vacme learnt it: from its own
 * {@code vacme revoke}, or from the CA's OCSP responder or CRL. Kept with the certificate facts in
 * {@code [certificate]} of the renewal configuration, so it ends with the certificate: the next
 * version starts unrevoked.
 *
 * @param revokedAt when the certificate was revoked (the CA's time from OCSP or the CRL; the
 *                  time of the request for {@code vacme revoke})
 * @param reason    the RFC 5280 §5.3.1 reason code, or null when not known
 * @param source    how vacme learnt it, for the operator: {@code vacme revoke}, or the OCSP or CRL URL
 */
public record Revocation(Instant revokedAt, Integer reason, String source) {

    /** The source recorded by {@code vacme revoke}. */
    public static final String LOCAL = "vacme revoke";

    /** The RFC 5280 §5.3.1 names, by code; code 7 is not used. */
    private static final String[] REASONS = {"unspecified", "keyCompromise", "cACompromise", "affiliationChanged",
        "superseded", "cessationOfOperation", "certificateHold", null, "removeFromCRL", "privilegeWithdrawn",
        "aACompromise"};

    public Revocation {
        Objects.requireNonNull(revokedAt, "revokedAt");
        source = source == null || source.isBlank() ? LOCAL : source;
    }

    /** Returns the reason's RFC 5280 name ({@code keyCompromise}), or {@code unknown} when not given. */
    public String reasonName() {
        return reason == null ? "unknown" : nameOf(reason);
    }

    /** Returns the RFC 5280 name of a reason code, or {@code reason N} for a code it does not define. */
    public static String nameOf(int code) {
        return code >= 0 && code < REASONS.length && REASONS[code] != null ? REASONS[code] : "reason " + code;
    }

    /** Parses a reason as written by {@link #reasonName}: a name in any case, a number, or {@code unknown}. */
    public static Integer parseReason(String text) {
        String value = text.strip();
        if (value.isEmpty() || value.equalsIgnoreCase("unknown")) {
            return null;
        }
        for (int code = 0; code < REASONS.length; code++) {
            if (REASONS[code] != null && REASONS[code].equalsIgnoreCase(value)) {
                return code;
            }
        }
        if (value.toLowerCase(Locale.ROOT).startsWith("reason ")) {
            value = value.substring("reason ".length()).strip();
        }
        return Integer.valueOf(value);
    }

    /** Returns a phrase for the operator: {@code revoked at T (keyCompromise, per vacme revoke)}. */
    public String describe() {
        return "revoked at " + revokedAt + " (" + reasonName() + ", per " + source + ")";
    }
}
