package dev.vacme.client.deploy.apache;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A {@code <VirtualHost>} with what vacme needs to know about it: the names it answers to and
 * whether it speaks TLS.
 *
 * @param section   the section in its file
 * @param names     {@code ServerName} first (when given), then every {@code ServerAlias}
 * @param addresses the section's addresses, e.g. {@code *:80}
 * @param ssl       true when it listens on the HTTPS port or says {@code SSLEngine on}
 */
record VirtualHost(Section section, List<String> names, List<String> addresses, boolean ssl) {

    VirtualHost {
        names = List.copyOf(names);
        addresses = List.copyOf(addresses);
    }

    /** Reads a section; {@code httpsPort} and 443 count as TLS ports. */
    static VirtualHost of(Section section, int httpsPort) {
        List<String> names = new ArrayList<>();
        section.find("ServerName").forEach(d -> names.add(HostNames.host(d.firstArg())));
        section.find("ServerAlias").forEach(d -> d.args().forEach(a -> names.add(HostNames.host(a))));
        boolean engine = section.find("SSLEngine").stream()
                .anyMatch(d -> d.firstArg().toLowerCase(Locale.ROOT).equals("on"));
        boolean tlsPort = section.args().stream().map(VirtualHost::port)
                .anyMatch(p -> p.isPresent() && (p.get() == httpsPort || p.get() == 443));
        return new VirtualHost(section, names, section.args(), engine || tlsPort);
    }

    /** Returns the port of an address such as {@code *:443}, {@code [::1]:80}; empty when none is given. */
    static Optional<Integer> port(String address) {
        int colon = address.lastIndexOf(':');
        if (colon < 0 || address.endsWith("]")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(address.substring(colon + 1)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Returns true when this VirtualHost answers to the certificate name. */
    boolean serves(String certName) {
        return names.stream().anyMatch(n -> HostNames.matches(n, certName));
    }

    /** Returns true when this VirtualHost answers to any of the names. */
    boolean servesAny(List<String> certNames) {
        return certNames.stream().anyMatch(this::serves);
    }

    /** Returns where it is, for messages. */
    String where() {
        return section.where();
    }
}
