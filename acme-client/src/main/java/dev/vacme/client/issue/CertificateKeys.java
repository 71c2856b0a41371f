package dev.vacme.client.issue;

import dev.vacme.client.store.KeySpec;
import dev.vacme.common.model.Identifier;
import dev.vacme.common.model.IdentifierType;
import dev.vacme.common.pki.CsrBuilder;
import dev.vacme.common.pki.IpAddresses;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;

/** Certificate keys and CSRs for lineages: names become DNS or IP identifiers (RFC 8738). */
public final class CertificateKeys {

    private static final int MAX_COMMON_NAME = 64;

    private CertificateKeys() {
    }

    /** Generates a fresh key of the configured type. */
    public static KeyPair generate(KeySpec spec, SecureRandom random) {
        return spec.keyType().generate(random);
    }

    /** Returns the ACME identifiers of the names: IP literals become {@code ip}, the rest {@code dns}. */
    public static List<Identifier> identifiers(List<String> names) {
        return names.stream()
                .map(name -> IpAddresses.isLiteral(name) ? Identifier.ip(name)
                        : Identifier.dns(name.toLowerCase(Locale.ROOT)))
                .distinct()
                .toList();
    }

    /** Builds the DER CSR for the names, signed with the key. */
    public static byte[] csr(List<String> names, KeyPair key) {
        CsrBuilder builder = new CsrBuilder();
        List<Identifier> identifiers = identifiers(names);
        if (identifiers.get(0).value().length() > MAX_COMMON_NAME) {
            // RFC 5280's upper bound on a common name; the names are all in the SAN anyway.
            builder.withoutCommonName();
        }
        for (Identifier identifier : identifiers) {
            if (identifier.type() == IdentifierType.IP) {
                builder.ip(identifier.value());
            } else {
                builder.dns(identifier.value());
            }
        }
        return builder.build(key);
    }
}
