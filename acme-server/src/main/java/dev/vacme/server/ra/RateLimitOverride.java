package dev.vacme.server.ra;

import java.util.Map;
import java.util.Set;

/**
 * One account's own rate limits ({@code rate-limits: overrides:}), replacing the defaults of the
 * limits it names for requests of that account; limits it does not name keep their defaults.
 *
 * @param account   the account's URL, as the server shows it in {@code Location} and {@code kid}
 * @param limits    the account's own limits by name, one of {@link RateLimiter#PER_ACCOUNT}
 * @param unlimited the limits that do not apply to this account at all
 */
public record RateLimitOverride(String account, Map<String, RateLimit> limits, Set<String> unlimited) {

    public RateLimitOverride {
        limits = Map.copyOf(limits);
        unlimited = Set.copyOf(unlimited);
        for (String name : limits.keySet()) {
            if (unlimited.contains(name)) {
                throw new IllegalArgumentException(name + " is both limited and unlimited");
            }
        }
    }

    /** Returns whether this override says anything about the named limit. */
    boolean covers(String name) {
        return limits.containsKey(name) || unlimited.contains(name);
    }
}
