package dev.vacme.client.revocation;

import dev.vacme.client.store.Revocation;
import java.util.Objects;

/**
 * What the CA says about one certificate: not revoked, revoked (with time and reason), or that
 * vacme could not find out. An answer that cannot be verified, or none at all, is always
 * {@link State#UNKNOWN}: never taken as good, never as revoked.
 *
 * @param state      the verdict
 * @param revocation the revocation, for {@link State#REVOKED} only
 * @param source     the OCSP or CRL URL that answered (for good and revoked), or null
 * @param detail     why the status is unknown (for {@link State#UNKNOWN} only)
 */
public record RevocationStatus(State state, Revocation revocation, String source, String detail) {

    /** The verdict. */
    public enum State {
        /** The CA's signed, fresh answer says the certificate is not revoked. */
        GOOD,
        /** The CA's signed, fresh answer says the certificate is revoked. */
        REVOKED,
        /** No verified answer: a network failure, a bad signature, a stale or unknown answer. */
        UNKNOWN
    }

    public RevocationStatus {
        Objects.requireNonNull(state, "state");
        if (state == State.REVOKED) {
            Objects.requireNonNull(revocation, "revocation");
        }
    }

    /** Returns a good status, as {@code source} said. */
    public static RevocationStatus good(String source) {
        return new RevocationStatus(State.GOOD, null, source, null);
    }

    /** Returns a revoked status. */
    public static RevocationStatus revoked(Revocation revocation) {
        return new RevocationStatus(State.REVOKED, revocation, revocation.source(), null);
    }

    /** Returns an unknown status, saying why. */
    public static RevocationStatus unknown(String why) {
        return new RevocationStatus(State.UNKNOWN, null, null, why);
    }

    /** Returns one line for the operator. */
    public String describe() {
        return switch (state) {
            case GOOD -> "not revoked (per " + source + ")";
            case REVOKED -> "REVOKED: " + revocation.describe();
            case UNKNOWN -> "revocation status unknown: " + detail;
        };
    }
}
