package dev.vacme.server.ra;

import dev.vacme.common.model.Identifier;
import dev.vacme.common.model.IdentifierType;
import dev.vacme.common.pki.IpAddresses;
import dev.vacme.common.problem.Problem;
import dev.vacme.common.problem.ProblemType;
import dev.vacme.server.AcmeProblemException;
import java.net.IDN;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides which identifiers Vacme certifies, and normalizes them: DNS names (RFC 8555 §7.1.3,
 * lowercase LDH labels, at least two labels) and IP addresses (RFC 8738, canonical text). Every
 * rejected identifier becomes a subproblem naming it (RFC 8555 §6.7.1).
 */
public final class IdentifierPolicy {

    private static final int MAX_NAME_LENGTH = 253;
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private final int maxIdentifiers;

    /** Creates the policy. */
    public IdentifierPolicy(int maxIdentifiers) {
        this.maxIdentifiers = maxIdentifiers;
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

    private static Identifier normalizeOne(Identifier identifier) {
        if (identifier == null || identifier.type() == null || identifier.value() == null) {
            throw AcmeProblemException.of(ProblemType.MALFORMED, "an identifier needs a type and a value");
        }
        return switch (identifier.type()) {
            case DNS -> Identifier.dns(dnsName(identifier.value()));
            case IP -> Identifier.ip(ipAddress(identifier.value()));
            default -> throw AcmeProblemException.of(ProblemType.UNSUPPORTED_IDENTIFIER,
                    "only dns and ip identifiers are supported");
        };
    }

    private static String dnsName(String value) {
        String name = value.toLowerCase(Locale.ROOT);
        if (name.isEmpty()) {
            throw malformed("a DNS name must not be empty");
        }
        if (IpAddresses.isLiteral(name)) {
            throw malformed("\"" + value + "\" is an IP address; use an identifier of type ip");
        }
        if (name.startsWith("*.")) {
            throw AcmeProblemException.of(ProblemType.REJECTED_IDENTIFIER, "wildcard names need the dns-01 "
                    + "challenge, which this server does not offer yet");
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
            try {
                String unicode = IDN.toUnicode(label, IDN.USE_STD3_ASCII_RULES);
                if (unicode.equals(label) || !IDN.toASCII(unicode, IDN.USE_STD3_ASCII_RULES).equals(label)) {
                    throw malformed("\"" + value + "\" has an invalid punycode label \"" + label + "\"");
                }
            } catch (IllegalArgumentException e) {
                throw malformed("\"" + value + "\" has an invalid punycode label \"" + label + "\"");
            }
        }
    }

    private static String ipAddress(String value) {
        return IpAddresses.parse(value)
                .map(IpAddresses::canonical)
                .orElseThrow(() -> malformed("\"" + value + "\" is not an IP address"));
    }

    private static AcmeProblemException rejection(List<Problem> problems) {
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
