package dev.vacme.server.ra;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which DNS names the operator lets this CA certify at all ({@code allowed-domains},
 * {@code blocked-domains}): a name is "under" a domain when it equals it or ends with
 * {@code .domain}; a wildcard is judged by the name after {@code *.}.
 *
 * @param allowed when not empty, only names at or under one of these domains
 * @param blocked names at or under these domains never, even when allowed
 */
public record DomainRules(List<String> allowed, List<String> blocked) {

    /** No restriction. */
    public static final DomainRules NONE = new DomainRules(List.of(), List.of());

    public DomainRules {
        allowed = domains(allowed);
        blocked = domains(blocked);
    }

    /** Returns why the (normalized) DNS name may not be certified, or empty when it may. */
    public Optional<String> refusal(String name) {
        String base = name.startsWith("*.") ? name.substring(2) : name;
        Optional<String> block = blocked.stream().filter(domain -> isUnder(base, domain)).findFirst();
        if (block.isPresent()) {
            return Optional.of("names under " + block.get() + " are blocked by this server's policy");
        }
        if (!allowed.isEmpty() && allowed.stream().noneMatch(domain -> isUnder(base, domain))) {
            return Optional.of("this server issues only for names under " + String.join(", ", allowed));
        }
        return Optional.empty();
    }

    /**
     * Returns whether the name is at or under one of the allowed domains: the operator's explicit
     * permission for a reserved name or a public suffix (see {@link SpecialNames}).
     */
    public boolean explicitlyAllows(String name) {
        String base = name.startsWith("*.") ? name.substring(2) : name;
        return allowed.stream().anyMatch(domain -> isUnder(base, domain));
    }

    /** Returns whether the name equals the domain or ends with {@code .domain}. */
    static boolean isUnder(String name, String domain) {
        return name.equals(domain) || name.endsWith("." + domain);
    }

    /**
     * Normalizes a list of domains (lowercase, no leading dot; items may hold several separated by commas).
     *
     * @throws IllegalArgumentException naming a value that is not a domain name
     */
    public static List<String> domains(List<String> domains) {
        return domains.stream().flatMap(item -> java.util.Arrays.stream(item.split(",")))
                .map(domain -> domain.strip().toLowerCase(Locale.ROOT))
                .filter(domain -> !domain.isEmpty())
                .map(domain -> {
                    String bare = domain.startsWith(".") ? domain.substring(1) : domain;
                    if (!bare.matches("[a-z0-9]([a-z0-9.-]*[a-z0-9])?") || bare.contains("..")) {
                        throw new IllegalArgumentException("'" + domain + "' is not a domain name (e.g. corp.example.com)");
                    }
                    return bare;
                }).toList();
    }
}
