package dev.vacme.server.ra;

import dev.vacme.common.model.Challenge;
import dev.vacme.common.model.Identifier;
import dev.vacme.common.model.IdentifierType;
import dev.vacme.common.problem.Problem;
import dev.vacme.common.problem.ProblemType;
import dev.vacme.server.AcmeProblemException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which challenges a new authorization offers (RFC 8555 §7.1.4, §8), out of the types the
 * operator enabled ({@code challenges:}):
 * <ul>
 *   <li>a DNS name: http-01, dns-01 and tls-alpn-01;
 *   <li>a wildcard name ({@code *.example.com}, authorized as {@code example.com}): dns-01 only,
 *       since only control of the zone proves control of every name below it (§7.1.3);
 *   <li>an IP address: http-01 and tls-alpn-01 (RFC 8738 §7; there is no DNS zone to prove).
 * </ul>
 * The offered challenges keep the order of the enabled list, so the operator's first choice
 * comes first for clients that take the first one they support.
 */
public final class ChallengePolicy {

    /** Every challenge type this server can validate, in the default order of offer. */
    public static final List<String> SUPPORTED = List.of(Challenge.HTTP_01, Challenge.DNS_01, Challenge.TLS_ALPN_01);

    /** The types offered when the operator names none: all of them. */
    public static final List<String> DEFAULT = SUPPORTED;

    private final List<String> enabled;

    /**
     * Creates the policy.
     *
     * @param enabled the challenge types to offer, in order of preference
     * @throws IllegalArgumentException for an empty list, a duplicate or a type this server cannot validate
     */
    public ChallengePolicy(List<String> enabled) {
        if (enabled == null || enabled.isEmpty()) {
            throw new IllegalArgumentException("at least one challenge type must be enabled; supported: "
                    + String.join(", ", SUPPORTED));
        }
        Set<String> seen = new LinkedHashSet<>();
        for (String type : enabled) {
            if (!SUPPORTED.contains(type)) {
                throw new IllegalArgumentException("unknown challenge type \"" + type + "\"; supported: "
                        + String.join(", ", SUPPORTED));
            }
            if (!seen.add(type)) {
                throw new IllegalArgumentException("challenge type " + type + " is listed twice");
            }
        }
        this.enabled = List.copyOf(seen);
    }

    /** The policy offering every supported type. */
    public static ChallengePolicy all() {
        return new ChallengePolicy(SUPPORTED);
    }

    /** Returns the enabled types, in order of preference. */
    public List<String> enabled() {
        return enabled;
    }

    /**
     * Returns the challenge types to offer for an authorization.
     *
     * @param identifier the authorized identifier (for a wildcard, the name without {@code *.})
     * @param wildcard   whether the authorization is for a wildcard name
     * @throws AcmeProblemException {@code rejectedIdentifier} when no enabled type can validate it
     */
    public List<String> offer(Identifier identifier, boolean wildcard) {
        List<String> offered = enabled.stream().filter(type -> suits(type, identifier, wildcard)).toList();
        if (offered.isEmpty()) {
            throw AcmeProblemException.of(ProblemType.REJECTED_IDENTIFIER, (wildcard
                    ? "wildcard names need the dns-01 challenge"
                    : identifier.type() == IdentifierType.IP
                            ? "IP addresses need the http-01 or tls-alpn-01 challenge"
                            : "this name needs one of " + String.join(", ", SUPPORTED))
                    + ", which this server does not offer");
        }
        return offered;
    }

    /**
     * Checks that every identifier of a new order gets at least one challenge, before anything is
     * stored or counted.
     *
     * @param identifiers the order's normalized identifiers (wildcards with their {@code *.})
     * @throws AcmeProblemException {@code rejectedIdentifier} with one subproblem per identifier no
     *                              enabled type can validate (RFC 8555 §6.7.1)
     */
    public void checkOrder(List<Identifier> identifiers) {
        List<Problem> problems = new ArrayList<>();
        for (Identifier identifier : identifiers) {
            try {
                offer(IdentifierPolicy.authorized(identifier), IdentifierPolicy.isWildcard(identifier));
            } catch (AcmeProblemException e) {
                problems.add(e.problem().withIdentifier(identifier));
            }
        }
        if (!problems.isEmpty()) {
            throw IdentifierPolicy.rejection(problems);
        }
    }

    private static boolean suits(String type, Identifier identifier, boolean wildcard) {
        if (wildcard) {
            return type.equals(Challenge.DNS_01);
        }
        if (identifier.type() == IdentifierType.IP) {
            return !type.equals(Challenge.DNS_01);
        }
        return true;
    }
}
