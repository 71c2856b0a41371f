package dev.vacme.server.ra;

import java.util.List;
import java.util.Optional;

/**
 * Names no certificate of this CA should cover unless the operator says otherwise: public
 * suffixes themselves ({@code com}, {@code co.uk}, {@code github.io}; a certificate for one, or a
 * wildcard over one, would cover names of many registrants) and names at or under a reserved,
 * special-use domain. A name at or under an {@code allowed-domains} entry is exempt: listing a
 * domain there is the explicit permission.
 *
 * @param suffixes the public suffix list
 * @param reserved the special-use domains refused (see {@link #DEFAULT_RESERVED})
 */
public record SpecialNames(PublicSuffixes suffixes, List<String> reserved) {

    /**
     * The reserved domains refused by default, each a special-use name that never names a host a
     * CA could vouch for: {@code localhost} (RFC 6761 §6.3), {@code invalid} (RFC 6761 §6.4),
     * {@code local} (multicast DNS, RFC 6762), {@code onion} (Tor, RFC 7686), {@code home.arpa}
     * (home networks, RFC 8375) and {@code alt} (non-DNS namespaces, RFC 9476). Not in the list:
     * {@code test} and {@code example} (RFC 6761 §6.2, §6.5; names for testing and documentation
     * that a test CA certifies), and private-use names such as {@code internal} or {@code corp},
     * which a company CA exists to certify.
     */
    public static final List<String> DEFAULT_RESERVED = List.of("localhost", "invalid", "local", "onion",
            "home.arpa", "alt");

    /** Only the top-level labels as public suffixes and no reserved domain: nothing but single labels refused. */
    public static final SpecialNames NONE = new SpecialNames(PublicSuffixes.TOP_LEVEL_ONLY, List.of());

    public SpecialNames {
        reserved = List.copyOf(reserved);
    }

    /**
     * Returns why the (normalized) DNS name may not be certified, or empty when it may.
     *
     * @param domains the operator's domain rules, whose allowed domains exempt a name
     */
    public Optional<String> refusal(String name, DomainRules domains) {
        boolean wildcard = name.startsWith("*.");
        String base = wildcard ? name.substring(2) : name;
        if (domains.explicitlyAllows(base)) {
            return Optional.empty();
        }
        Optional<String> zone = reserved.stream().filter(domain -> DomainRules.isUnder(base, domain)).findFirst();
        if (zone.isPresent()) {
            return Optional.of("names under " + zone.get() + " are reserved for special use (RFC 6761) and not "
                    + "certified by this server");
        }
        if (suffixes.isPublicSuffix(base)) {
            return Optional.of(base + " is a public suffix, under which names belong to different registrants; "
                    + (wildcard ? "a wildcard over it" : "it") + " is not certified by this server");
        }
        return Optional.empty();
    }
}
