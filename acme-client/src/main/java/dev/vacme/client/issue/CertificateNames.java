package dev.vacme.client.issue;

import dev.vacme.common.model.Identifier;
import dev.vacme.common.model.IdentifierType;
import dev.vacme.common.pki.IpAddresses;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The identifiers a certificate names in its subjectAltName extension (RFC 5280 §4.2.1.6):
 * {@code dNSName} entries as {@code dns} identifiers, {@code iPAddress} entries as {@code ip}
 * identifiers (RFC 8738), both in one normal form so that they compare with an order's.
 */
public final class CertificateNames {

    private static final int DNS_NAME = 2;
    private static final int IP_ADDRESS = 7;

    private CertificateNames() {
    }

    /** Returns the DNS and IP names of the certificate, normalized; other name types are left out. */
    public static Set<Identifier> of(X509Certificate certificate) {
        Collection<List<?>> names;
        try {
            names = certificate.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            return Set.of();
        }
        Set<Identifier> identifiers = new LinkedHashSet<>();
        if (names != null) {
            for (List<?> name : names) {
                int type = (Integer) name.get(0);
                if (type == DNS_NAME) {
                    identifiers.add(normalize(Identifier.dns(String.valueOf(name.get(1)))));
                } else if (type == IP_ADDRESS) {
                    identifiers.add(normalize(Identifier.ip(String.valueOf(name.get(1)))));
                }
            }
        }
        return identifiers;
    }

    /** Returns the normal form of identifiers: lower-case DNS names, canonical IP addresses. */
    public static Set<Identifier> normalize(Collection<Identifier> identifiers) {
        Set<Identifier> normalized = new LinkedHashSet<>();
        identifiers.forEach(identifier -> normalized.add(normalize(identifier)));
        return normalized;
    }

    /** Returns the normal form of an identifier: a lower-case DNS name, a canonical IP address. */
    public static Identifier normalize(Identifier identifier) {
        if (identifier.type() == IdentifierType.IP) {
            return IpAddresses.parse(identifier.value()).map(address -> Identifier.ip(IpAddresses.canonical(address)))
                    .orElse(identifier);
        }
        return identifier.type() == IdentifierType.DNS
                ? Identifier.dns(identifier.value().toLowerCase(Locale.ROOT)) : identifier;
    }
}
