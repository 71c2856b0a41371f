package dev.vacme.client.deploy.nginx;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * How well one {@code server_name} entry matches a host name, ranked as nginx ranks them
 * (<a href="https://nginx.org/en/docs/http/server_names.html">server names</a>): an exact name
 * first, then the longest wildcard starting with an asterisk, then the longest wildcard ending
 * with one, then the first regular expression.
 *
 * <p>Regular expressions ({@code ~...}) are PCRE in nginx and run here as Java regular
 * expressions with nginx's search semantics (unanchored unless the pattern anchors itself).
 * Python-style named groups {@code (?P<name>...)} are accepted; PCRE-only constructs Java does
 * not know (recursion, {@code \K}, callouts) make the entry match nothing. Names generated at
 * run time ({@code map}, variables, {@code $hostname}) are not evaluated.
 *
 * @param kind   which of nginx's four kinds matched
 * @param length for wildcards, the length of the fixed part (longer wins)
 */
public record ServerNameMatch(Kind kind, int length) implements Comparable<ServerNameMatch> {

    /** The kinds of server name, best first. */
    public enum Kind { EXACT, LEADING_WILDCARD, TRAILING_WILDCARD, REGEX }

    /**
     * Returns how a {@code server_name} entry matches a host name, if it does.
     *
     * @param entry one argument of {@code server_name}
     * @param host  a host name, lower case
     */
    public static Optional<ServerNameMatch> of(String entry, String host) {
        if (entry.startsWith("~")) {
            return regex(entry.substring(1)).filter(p -> p.matcher(host).find())
                    .map(p -> new ServerNameMatch(Kind.REGEX, 0));
        }
        String name = entry.toLowerCase(Locale.ROOT);
        if (name.isEmpty() || name.contains("$")) {
            return Optional.empty();
        }
        if (name.equals(host)) {
            return Optional.of(new ServerNameMatch(Kind.EXACT, name.length()));
        }
        if (name.startsWith(".")) {
            // ".example.com" is "example.com" and "*.example.com" in one entry.
            return host.equals(name.substring(1)) || host.endsWith(name)
                    ? Optional.of(new ServerNameMatch(Kind.LEADING_WILDCARD, name.length() - 1)) : Optional.empty();
        }
        if (name.startsWith("*.")) {
            return host.endsWith(name.substring(1))
                    ? Optional.of(new ServerNameMatch(Kind.LEADING_WILDCARD, name.length() - 1)) : Optional.empty();
        }
        if (name.endsWith(".*")) {
            String prefix = name.substring(0, name.length() - 1);
            return host.startsWith(prefix) && host.length() > prefix.length()
                    ? Optional.of(new ServerNameMatch(Kind.TRAILING_WILDCARD, prefix.length())) : Optional.empty();
        }
        return Optional.empty();
    }

    /** Returns the pattern of a {@code ~regex} entry, or empty when Java cannot compile it. */
    static Optional<Pattern> regex(String pcre) {
        try {
            return Optional.of(Pattern.compile(pcre.replace("(?P<", "(?<")));
        } catch (PatternSyntaxException e) {
            return Optional.empty();
        }
    }

    /** Orders matches best first; regular expressions keep configuration order (the caller's). */
    @Override
    public int compareTo(ServerNameMatch other) {
        if (kind != other.kind) {
            return kind.compareTo(other.kind);
        }
        return Integer.compare(other.length, length);
    }
}
