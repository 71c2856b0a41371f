package dev.vacme.server.va;

import java.time.Duration;
import java.util.List;

/**
 * How CAA is checked (RFC 8659).
 *
 * @param identities   the issuer domain names that mean this CA in CAA issue/issuewild records
 *                     ({@code --caa-identity}); none turns CAA checking off
 * @param recheckAfter at finalize, validations older than this are checked again ({@code --caa-recheck-after})
 */
public record CaaSettings(List<String> identities, Duration recheckAfter) {

    /** The default recheck age: 8 hours, as the CA/Browser Forum Baseline Requirements allow. */
    public static final Duration DEFAULT_RECHECK_AFTER = Duration.ofHours(8);

    public CaaSettings {
        identities = List.copyOf(identities);
    }

    /** Returns whether CAA is checked at all. */
    public boolean enabled() {
        return !identities.isEmpty();
    }
}
