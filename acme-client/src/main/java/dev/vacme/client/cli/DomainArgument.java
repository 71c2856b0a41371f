package dev.vacme.client.cli;

import dev.vacme.client.UsageException;
import dev.vacme.common.pki.IpAddresses;
import java.net.IDN;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One {@code -d} name, checked before anything is sent: a DNS name of letter-digit-hyphen labels
 * (RFC 1123 §2.1), optionally a {@code *.} wildcard, or an IP address (RFC 8738). Internationalised
 * names are converted to their A-label (punycode) form, which is what certificates carry (RFC
 * 5280 §7.2); the server has the last word on what it issues for.
 */
final class DomainArgument {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    private static final int MAX_LENGTH = 253;

    private DomainArgument() {
    }

    /**
     * Returns the name in the form it is ordered in: lower case, A-labels for non-ASCII labels.
     *
     * @throws UsageException naming the {@code -d} value and what is wrong with it
     */
    static String normalize(String given) {
        String name = given.strip().toLowerCase(Locale.ROOT);
        if (IpAddresses.isLiteral(name)) {
            return name;
        }
        String prefix = name.startsWith("*.") ? "*." : "";
        String rest = ascii(given, name.substring(prefix.length()));
        if (rest.endsWith(".")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        if (rest.isEmpty() || rest.length() > MAX_LENGTH) {
            throw invalid(given, "a name has 1 to 253 characters");
        }
        for (String label : rest.split("\\.", -1)) {
            if (label.isEmpty()) {
                throw invalid(given, "it has an empty label (two dots in a row, or a dot at the start)");
            }
            if (label.startsWith("-") || label.endsWith("-")) {
                throw invalid(given, "a label may not start or end with '-'");
            }
            if (label.length() > 63) {
                throw invalid(given, "a label has at most 63 characters");
            }
            if (!LABEL.matcher(label).matches()) {
                throw invalid(given, "use letters, digits and '-' between the dots (a wildcard only as a"
                        + " leading '*.')");
            }
        }
        return prefix + rest;
    }

    /** Converts non-ASCII labels to A-labels, as IDNA (RFC 5891) registers them. */
    private static String ascii(String given, String name) {
        if (name.chars().allMatch(c -> c < 0x80)) {
            return name;
        }
        try {
            return IDN.toASCII(name, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw invalid(given, "it cannot be converted to an internationalised (punycode) name");
        }
    }

    private static UsageException invalid(String given, String why) {
        return new UsageException("-d '" + given + "' is not a valid domain name: " + why);
    }
}
