package dev.vacme.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vacme.server.ra.RateLimit;
import dev.vacme.server.ra.RateLimitOverride;
import dev.vacme.server.ra.RateLimiter;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Parses {@code rate-limits: overrides:}, a list of accounts' own limits:
 * <pre>
 * rate-limits:
 *   new-orders-per-account: 300/3h
 *   overrides:
 *     - account: https://acme.example.com/acme/acct/3Zr0cTjzA6rJFg2HqBhUXQ
 *       new-orders-per-account: 5000/3h
 *       certificates-per-domain: unlimited
 * </pre>
 */
final class RateLimitOverrides {

    /** The key under {@code rate-limits:} that holds the overrides. */
    static final String KEY = "overrides";

    /** The value that lifts a limit for the account. */
    static final String UNLIMITED = "unlimited";

    private static final String EXAMPLE_URL = "https://acme.example.com/acme/acct/ID";

    private RateLimitOverrides() {
    }

    /**
     * Parses the list.
     *
     * @throws ConfigException naming the entry (counted from 1) and what is wrong with it
     */
    static List<RateLimitOverride> parse(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new ConfigException("rate-limits: overrides must be a list of mappings, each with an account URL "
                    + "and the limits it changes");
        }
        List<RateLimitOverride> overrides = new ArrayList<>();
        Set<String> accounts = new HashSet<>();
        int index = 0;
        for (JsonNode entry : node) {
            index++;
            RateLimitOverride override = entry(entry, "rate-limits: overrides entry " + index);
            if (!accounts.add(override.account())) {
                throw new ConfigException("rate-limits: overrides entry " + index + " names account "
                        + override.account() + " again; give each account one entry");
            }
            overrides.add(override);
        }
        return List.copyOf(overrides);
    }

    private static RateLimitOverride entry(JsonNode entry, String where) {
        if (!entry.isObject()) {
            throw new ConfigException(where + " must be a mapping with 'account' and the limits it changes");
        }
        JsonNode account = entry.get("account");
        if (account == null || !account.isTextual()) {
            throw new ConfigException(where + " has no 'account' (the account's URL, e.g. " + EXAMPLE_URL + ")");
        }
        String url = accountUrl(where, account.asText());
        Map<String, RateLimit> limits = new LinkedHashMap<>();
        Set<String> unlimited = new HashSet<>();
        for (var fields = entry.fields(); fields.hasNext(); ) {
            var field = fields.next();
            String name = field.getKey();
            if (name.equals("account")) {
                continue;
            }
            checkName(where, name);
            String value = field.getValue().asText().strip();
            if (value.toLowerCase(Locale.ROOT).equals(UNLIMITED)) {
                unlimited.add(name);
            } else {
                try {
                    limits.put(name, RateLimit.parse(value));
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(where + ": " + name + ": " + e.getMessage() + " or " + UNLIMITED);
                }
            }
        }
        if (limits.isEmpty() && unlimited.isEmpty()) {
            throw new ConfigException(where + " (" + url + ") changes no limit; name at least one of "
                    + String.join(", ", RateLimiter.PER_ACCOUNT));
        }
        return new RateLimitOverride(url, limits, unlimited);
    }

    private static void checkName(String where, String name) {
        if (name.equals(RateLimiter.NEW_ACCOUNTS_PER_IP)) {
            throw new ConfigException(where + ": " + name + " counts client addresses before any account exists, "
                    + "so it cannot be changed per account");
        }
        if (!RateLimiter.PER_ACCOUNT.contains(name)) {
            throw new ConfigException(where + ": unknown limit '" + name + "'; an override may change "
                    + String.join(", ", RateLimiter.PER_ACCOUNT));
        }
    }

    private static String accountUrl(String where, String text) {
        try {
            URI uri = new URI(text.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    && uri.getRawPath() != null && uri.getRawPath().matches(".*/acme/acct/[A-Za-z0-9_-]+")
                    && uri.getRawQuery() == null && uri.getRawFragment() == null) {
                return uri.toString();
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new ConfigException(where + ": '" + text + "' is not an account URL such as " + EXAMPLE_URL
                + " (the Location the server returned for the account)");
    }
}
