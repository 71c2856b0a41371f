package dev.vacme.server.ra;

import dev.vacme.common.model.Identifier;
import dev.vacme.common.model.IdentifierType;
import dev.vacme.common.pki.IpAddresses;
import dev.vacme.common.problem.Problem;
import dev.vacme.common.problem.ProblemType;
import dev.vacme.server.AcmeProblemException;
import java.net.InetAddress;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Decides which identifiers Vacme certifies, and normalizes them: DNS names (RFC 8555 §7.1.3,
 * lowercase LDH labels, at least two labels, A-labels valid under IDNA2008), wildcard names
 * ({@code *.} over such a name; see {@link #authorized}) and IP addresses
 * (RFC 8738, canonical text) that validation may connect to. DNS names must also pass the
 * operator's {@link DomainRules} and, unless an allowed domain covers them, must be neither a
 * public suffix nor reserved ({@link SpecialNames}). Every rejected identifier becomes a
 * subproblem naming it (RFC 8555 §6.7.1).
 */
public final class IdentifierPolicy {

    private static final int MAX_NAME_LENGTH = 253;
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private final int maxIdentifiers;
    private final Function<InetAddress, Optional<String>> addressRefusal;
    private final DomainRules domains;
    private final SpecialNames special;

    /**
     * Creates the policy.
     *
     * @param maxIdentifiers the most identifiers one order may hold
     * @param addressRefusal says why validation would never connect to an address (e.g. "a loopback
     *                       address"), or empty when it may: an IP identifier validation cannot
     *                       reach is refused at newOrder rather than failing its validation later
     */
    public IdentifierPolicy(int maxIdentifiers, Function<InetAddress, Optional<String>> addressRefusal) {
        this(maxIdentifiers, addressRefusal, DomainRules.NONE);
    }

    /**
     * Creates the policy with the operator's allowed and blocked domains.
     *
     * @param domains which DNS names may be certified at all; refusals are {@code rejectedIdentifier}
     */
    public IdentifierPolicy(int maxIdentifiers, Function<InetAddress, Optional<String>> addressRefusal,
            DomainRules domains) {
        this(maxIdentifiers, addressRefusal, domains, SpecialNames.NONE);
    }

    /**
     * Creates the policy with the operator's domains and the names refused unless allowed.
     *
     * @param special public suffixes and reserved domains, refused ({@code rejectedIdentifier})
     *                unless at or under an allowed domain
     */
    public IdentifierPolicy(int maxIdentifiers, Function<InetAddress, Optional<String>> addressRefusal,
            DomainRules domains, SpecialNames special) {
        this.maxIdentifiers = maxIdentifiers;
        this.addressRefusal = addressRefusal;
        this.domains = domains;
        this.special = special;
    }

    /**
     * Checks and normalizes an order's identifiers, dropping exact duplicates.
     *
     * @throws AcmeProblemException {@code malformed}, {@code rejectedIdentifier},
     *                              {@code unsupportedIdentifier}, or {@code compound} when identifiers
     *                              fail for different reasons; one subproblem per bad identifier
     */
    public List<Identifier> normalize(List<Identifier> requested) {
        if (requested == null || requested.isEmpty()) {
            throw AcmeProblemException.of(ProblemType.MALFORMED, "an order needs at least one identifier");
        }
        if (requested.size() > maxIdentifiers) {
            throw AcmeProblemException.of(ProblemType.REJECTED_IDENTIFIER,
                    "an order may hold at most " + maxIdentifiers + " identifiers, not " + requested.size());
        }
        Set<Identifier> normalized = new LinkedHashSet<>();
        List<Problem> problems = new ArrayList<>();
        for (Identifier identifier : requested) {
            try {
                normalized.add(normalizeOne(identifier));
            } catch (AcmeProblemException e) {
                problems.add(e.problem().withIdentifier(identifier));
            }
        }
        if (!problems.isEmpty()) {
            throw rejection(problems);
        }
        return List.copyOf(normalized);
    }

    /**
     * Returns the identifier an authorization for {@code identifier} names: a wildcard name's
     * base name ({@code example.com} for {@code *.example.com}, RFC 8555 §7.1.3), else the
     * identifier itself.
     */
    public static Identifier authorized(Identifier identifier) {
        return isWildcard(identifier) ? Identifier.dns(identifier.value().substring(2)) : identifier;
    }

    /** Returns whether the (normalized) identifier is a wildcard name. */
    public static boolean isWildcard(Identifier identifier) {
        return identifier.type() == IdentifierType.DNS && identifier.value().startsWith("*.");
    }

    private Identifier normalizeOne(Identifier identifier) {
        if (identifier == null || identifier.type() == null || identifier.value() == null) {
            throw AcmeProblemException.of(ProblemType.MALFORMED, "an identifier needs a type and a value");
        }
        return switch (identifier.type()) {
            case DNS -> Identifier.dns(permitted(dnsName(identifier.value())));
            case IP -> Identifier.ip(ipAddress(identifier.value()));
            default -> throw AcmeProblemException.of(ProblemType.UNSUPPORTED_IDENTIFIER,
                    "only dns and ip identifiers are supported");
        };
    }

    private String permitted(String name) {
        domains.refusal(name).or(() -> special.refusal(name, domains)).ifPresent(refusal -> {
            throw AcmeProblemException.of(ProblemType.REJECTED_IDENTIFIER, refusal);
        });
        return name;
    }

    private static String dnsName(String value) {
        String name = value.toLowerCase(Locale.ROOT);
        if (name.isEmpty()) {
            throw malformed("a DNS name must not be empty");
        }
        if (IpAddresses.isLiteral(name)) {
            throw malformed("\"" + value + "\" is an IP address; use an identifier of type ip");
        }
        if (name.startsWith("*.") && name.indexOf('*', 1) < 0) {
            // RFC 8555 §7.1.3: one leftmost wildcard label over a name that is itself acceptable
            return "*." + dnsName(value.substring(2));
        }
        if (name.contains("*")) {
            throw malformed("\"" + value + "\" has a '*' that is not a leading wildcard label");
        }
        if (name.endsWith(".")) {
            throw malformed("\"" + value + "\" must not end with a dot");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw malformed("a DNS name must be at most " + MAX_NAME_LENGTH + " characters");
        }
        String[] labels = name.split("\\.", -1);
        for (String label : labels) {
            checkLabel(value, label);
        }
        if (labels.length < 2) {
            throw AcmeProblemException.of(ProblemType.REJECTED_IDENTIFIER,
                    "\"" + value + "\" is a single-label name; only fully qualified names are certified");
        }
        if (labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
            throw malformed("\"" + value + "\" ends in an all-numeric label, which no top-level domain is");
        }
        return name;
    }

    private static void checkLabel(String value, String label) {
        if (label.isEmpty()) {
            throw malformed("\"" + value + "\" has an empty label");
        }
        if (label.length() > 63) {
            throw malformed("\"" + value + "\" has a label longer than 63 characters");
        }
        if (!LABEL.matcher(label).matches()) {
            throw malformed("\"" + value + "\" has an invalid label \"" + label
                    + "\" (letters, digits and inner hyphens only)");
        }
        if (label.length() >= 4 && label.charAt(2) == '-' && label.charAt(3) == '-') {
            if (!label.startsWith("xn--")) {
                throw malformed("\"" + value + "\" has a reserved label \"" + label + "\"");
            }
            if (!isValidALabel(label)) {
                throw malformed("\"" + value + "\" has an invalid punycode label \"" + label + "\"");
            }
        }
    }

    /**
     * Checks an A-label the way IDNA2008 registration does (RFC 5891 §5.3-5.4), approximating the
     * RFC 5892 derived properties with the JDK's Unicode data: the punycode decodes, re-encodes
     * to the same label, and gives a non-ASCII U-label in NFC, starting with no combining mark,
     * made of lowercase letters, digits, marks and hyphens only.
     */
    private static boolean isValidALabel(String label) {
        Optional<String> decoded = Punycode.decode(label.substring(4));
        if (decoded.isEmpty() || !("xn--" + Punycode.encode(decoded.get())).equals(label)) {
            return false;
        }
        String unicode = decoded.get();
        if (unicode.isEmpty() || unicode.chars().allMatch(c -> c < 0x80)
                || !Normalizer.isNormalized(unicode, Normalizer.Form.NFC)) {
            return false;
        }
        int first = unicode.codePointAt(0);
        if (Character.getType(first) == Character.NON_SPACING_MARK
                || Character.getType(first) == Character.COMBINING_SPACING_MARK) {
            return false;
        }
        return unicode.codePoints().allMatch(IdentifierPolicy::isLabelCodePoint);
    }

    private static boolean isLabelCodePoint(int c) {
        if (c == '-') {
            return true;
        }
        if (Character.toLowerCase(c) != c) {
            return false;
        }
        return switch (Character.getType(c)) {
            case Character.LOWERCASE_LETTER, Character.OTHER_LETTER, Character.MODIFIER_LETTER,
                    Character.NON_SPACING_MARK, Character.COMBINING_SPACING_MARK,
                    Character.DECIMAL_DIGIT_NUMBER -> true;
            default -> false;
        };
    }

    private String ipAddress(String value) {
        InetAddress address = IpAddresses.parse(value)
                .orElseThrow(() -> malformed("\"" + value + "\" is not an IP address"));
        addressRefusal.apply(address).ifPresent(refusal -> {
            throw AcmeProblemException.of(ProblemType.REJECTED_IDENTIFIER, "\"" + value + "\" is " + refusal
                    + ", which this server never validates");
        });
        return IpAddresses.canonical(address);
    }

    /**
     * Builds the problem for an order whose identifiers were refused: one refusal becomes that
     * problem, naming the identifier; several become one problem whose subproblems name each, of
     * their common type or {@code compound}.
     */
    static AcmeProblemException rejection(List<Problem> problems) {
        if (problems.size() == 1) {
            Problem only = problems.get(0);
            return new AcmeProblemException(new Problem(only.type(), null, only.status(),
                    "cannot issue for \"" + only.identifier().value() + "\": " + only.detail(),
                    null, null, problems, null));
        }
        boolean sameType = problems.stream().map(Problem::type).distinct().count() == 1;
        ProblemType type = sameType ? problems.get(0).kind() : ProblemType.COMPOUND;
        int status = sameType ? problems.get(0).status() : ProblemType.MALFORMED.defaultStatus();
        return new AcmeProblemException(new Problem(type.urn(), null, status,
                "cannot issue for " + problems.size() + " of the identifiers; see the subproblems",
                null, null, problems, null));
    }

    private static AcmeProblemException malformed(String detail) {
        return AcmeProblemException.of(ProblemType.MALFORMED, detail);
    }
}
