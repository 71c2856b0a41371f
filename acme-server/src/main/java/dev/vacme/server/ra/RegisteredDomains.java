package dev.vacme.server.ra;

import dev.vacme.common.model.Identifier;
import dev.vacme.common.model.IdentifierType;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The registered domain a per-domain rate limit counts against. Without a public suffix list this
 * is the name's last two labels ({@code www.shop.example.com} → {@code example.com}), so names
 * under a two-label public suffix such as {@code co.uk} share one count.
 */
final class RegisteredDomains {

    private RegisteredDomains() {
    }

    /** Returns the distinct registered domains of the DNS identifiers, in order; IP identifiers have none. */
    static List<String> of(Collection<Identifier> identifiers) {
        return identifiers.stream().filter(id -> id.type() == IdentifierType.DNS)
                .map(id -> of(id.value())).distinct().toList();
    }

    /** Returns the last two labels of a name, without a wildcard label or a trailing dot. */
    static String of(String name) {
        String plain = name.toLowerCase(Locale.ROOT);
        plain = plain.startsWith("*.") ? plain.substring(2) : plain;
        plain = plain.endsWith(".") ? plain.substring(0, plain.length() - 1) : plain;
        int last = plain.lastIndexOf('.');
        int secondLast = last <= 0 ? -1 : plain.lastIndexOf('.', last - 1);
        return plain.substring(secondLast + 1);
    }
}
