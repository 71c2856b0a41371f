package dev.vacme.server.va;

import dev.vacme.common.pki.IpAddresses;
import java.net.InetAddress;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A static name override for validation ({@code --resolve PATTERN=ADDRESS}), consulted before
 * any DNS lookup. The pattern is either an exact name ({@code a.test}) or {@code *.SUFFIX}, which
 * matches every name below the suffix at any depth ({@code a.test}, {@code www.a.test}) but not
 * the suffix itself. Matching ignores case and one trailing dot.
 *
 * @param pattern the normalised pattern: lower case, no trailing dot
 * @param address the address the matching names resolve to
 */
public record HostOverride(String pattern, InetAddress address) {

    private static final String EXPECTED = "NAME=ADDRESS or *.SUFFIX=ADDRESS, e.g. *.test=127.0.0.1 or a.test=::1";
    private static final Pattern LABEL = Pattern.compile("[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?");

    public HostOverride {
        if (pattern == null || address == null) {
            throw new IllegalArgumentException("a host override needs a pattern and an address");
        }
        pattern = normalise(pattern);
        String name = pattern.startsWith("*.") ? pattern.substring(2) : pattern;
        if (!isHostName(name)) {
            throw new IllegalArgumentException("invalid host override pattern \"" + pattern
                    + "\": expected a host name or *. followed by a host name");
        }
    }

    /**
     * Parses {@code PATTERN=ADDRESS}; the address is an IPv4 or IPv6 literal (no brackets).
     *
     * @throws IllegalArgumentException naming the bad value and the expected form
     */
    public static HostOverride parse(String text) {
        String value = text == null ? "" : text.strip();
        int equals = value.indexOf('=');
        if (equals <= 0 || equals == value.length() - 1) {
            throw new IllegalArgumentException("invalid host override \"" + text + "\": expected " + EXPECTED);
        }
        String patternText = value.substring(0, equals).strip();
        String addressText = value.substring(equals + 1).strip();
        InetAddress address = IpAddresses.parse(addressText).orElseThrow(() -> new IllegalArgumentException(
                "invalid host override \"" + text + "\": \"" + addressText
                        + "\" is not an IPv4 or IPv6 address; expected " + EXPECTED));
        try {
            return new HostOverride(patternText, address);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid host override \"" + text + "\": \"" + patternText
                    + "\" is not a host name or *.SUFFIX pattern; expected " + EXPECTED, e);
        }
    }

    /** Returns true when this override applies to the host name. */
    public boolean matches(String hostName) {
        String name = normalise(hostName);
        if (isWildcard()) {
            return name.endsWith(pattern.substring(1));
        }
        return name.equals(pattern);
    }

    /** Returns true for a {@code *.SUFFIX} pattern. */
    public boolean isWildcard() {
        return pattern.startsWith("*.");
    }

    /**
     * Ranks matching overrides: an exact name beats any wildcard, a longer suffix beats a shorter
     * one, so {@code *.a.test} wins over {@code *.test} for {@code www.a.test}.
     */
    int specificity() {
        return isWildcard() ? pattern.length() : Integer.MAX_VALUE;
    }

    /** Lower-cases a host name and drops one trailing dot. */
    static String normalise(String hostName) {
        String name = hostName.strip().toLowerCase(Locale.ROOT);
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    /** Returns true for a syntactically valid host name: labels of letters, digits, hyphens and underscores. */
    static boolean isHostName(String name) {
        if (name.isEmpty() || name.length() > 253) {
            return false;
        }
        for (String label : name.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return pattern + "=" + AddressFormat.text(address);
    }
}
