package dev.vacme.server.ra;

import java.io.IOException;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The Public Suffix List (https://publicsuffix.org/list/): the domains under which names belong
 * to different registrants ({@code com}, {@code co.uk}, {@code github.io}). Both its ICANN and
 * its private sections count. Rules are matched the way the list's own algorithm says: the
 * longest matching rule wins, an exception rule ({@code !www.ck}) beats a wildcard rule
 * ({@code *.ck}), and a name that matches no rule has its top-level label as public suffix.
 * Internationalized rules are kept as A-labels, the form identifiers arrive in.
 */
public final class PublicSuffixes {

    /** Where Debian's {@code publicsuffix} package installs the list. */
    public static final Path DEBIAN_LIST = Path.of("/usr/share/publicsuffix/public_suffix_list.dat");

    /** No rules but the implicit {@code *}: every top-level label is a public suffix, nothing else. */
    public static final PublicSuffixes TOP_LEVEL_ONLY = new PublicSuffixes(Set.of(), Set.of(), Set.of());

    private final Set<String> exact;
    private final Set<String> wildcards;
    private final Set<String> exceptions;

    private PublicSuffixes(Set<String> exact, Set<String> wildcards, Set<String> exceptions) {
        this.exact = Set.copyOf(exact);
        this.wildcards = Set.copyOf(wildcards);
        this.exceptions = Set.copyOf(exceptions);
    }

    /**
     * Reads the list from a file in the publicsuffix.org format.
     *
     * @throws IllegalArgumentException naming the file when it is missing, unreadable or holds no rules
     */
    public static PublicSuffixes load(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + " does not exist; install Debian's publicsuffix package "
                    + "or point public-suffix-list at a copy of https://publicsuffix.org/list/public_suffix_list.dat");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
        PublicSuffixes list = parse(lines);
        if (list.size() == 0) {
            throw new IllegalArgumentException(file + " holds no public suffix rules");
        }
        return list;
    }

    /** Parses the lines of a list: one rule per line, {@code //} comments and blank lines skipped. */
    public static PublicSuffixes parse(List<String> lines) {
        Set<String> exact = new HashSet<>();
        Set<String> wildcards = new HashSet<>();
        Set<String> exceptions = new HashSet<>();
        for (String line : lines) {
            String rule = line.strip().split("\\s", 2)[0].toLowerCase(Locale.ROOT);
            if (rule.isEmpty() || rule.startsWith("//")) {
                continue;
            }
            try {
                if (rule.startsWith("!")) {
                    exceptions.add(ascii(rule.substring(1)));
                } else if (rule.startsWith("*.")) {
                    wildcards.add(ascii(rule.substring(2)));
                } else {
                    exact.add(ascii(rule));
                }
            } catch (IllegalArgumentException e) {
                // A rule Java's IDNA cannot convert can match no identifier this server accepts.
            }
        }
        return new PublicSuffixes(exact, wildcards, exceptions);
    }

    private static String ascii(String rule) {
        return IDN.toASCII(rule, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
    }

    /** Returns how many rules the list holds. */
    public int size() {
        return exact.size() + wildcards.size() + exceptions.size();
    }

    /** Returns the public suffix of a (normalized, non-wildcard) DNS name. */
    public String publicSuffix(String name) {
        String[] labels = name.split("\\.");
        for (int i = 0; i < labels.length; i++) {
            String candidate = join(labels, i);
            if (exceptions.contains(candidate)) {
                return join(labels, i + 1);
            }
            if (exact.contains(candidate) || (i + 1 < labels.length && wildcards.contains(join(labels, i + 1)))) {
                return candidate;
            }
        }
        return labels[labels.length - 1];
    }

    /** Returns whether the (normalized) DNS name is itself a public suffix. */
    public boolean isPublicSuffix(String name) {
        return publicSuffix(name).equals(name);
    }

    /**
     * Returns the registered domain of a name: its public suffix and one label more
     * ({@code www.shop.example.co.uk} → {@code example.co.uk}); a public suffix is its own.
     */
    public String registeredDomain(String name) {
        String suffix = publicSuffix(name);
        if (suffix.equals(name)) {
            return name;
        }
        String rest = name.substring(0, name.length() - suffix.length() - 1);
        return rest.substring(rest.lastIndexOf('.') + 1) + "." + suffix;
    }

    private static String join(String[] labels, int from) {
        return String.join(".", java.util.Arrays.asList(labels).subList(from, labels.length));
    }
}
