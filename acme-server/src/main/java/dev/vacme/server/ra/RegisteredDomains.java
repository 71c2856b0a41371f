package dev.vacme.server.ra;

import dev.vacme.common.model.Identifier;
import dev.vacme.common.model.IdentifierType;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The registered domain a per-domain rate limit counts against: a name's public suffix plus one
 * label ({@code www.shop.example.co.uk} → {@code example.co.uk}, {@code a.user.github.io} →
 * {@code user.github.io}), so that customers under one public suffix do not share a count.
 */
final class RegisteredDomains {

    private RegisteredDomains() {
    }

    /** Returns the distinct registered domains of the DNS identifiers, in order; IP identifiers have none. */
    static List<String> of(Collection<Identifier> identifiers, PublicSuffixes suffixes) {
        return identifiers.stream().filter(id -> id.type() == IdentifierType.DNS)
                .map(id -> of(id.value(), suffixes)).distinct().toList();
    }

    /** Returns the registered domain of a name, without a wildcard label or a trailing dot. */
    static String of(String name, PublicSuffixes suffixes) {
        String plain = name.toLowerCase(Locale.ROOT);
        plain = plain.startsWith("*.") ? plain.substring(2) : plain;
        plain = plain.endsWith(".") ? plain.substring(0, plain.length() - 1) : plain;
        return suffixes.registeredDomain(plain);
    }
}
