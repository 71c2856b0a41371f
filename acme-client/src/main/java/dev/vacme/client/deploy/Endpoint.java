package dev.vacme.client.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One TLS handshake that must show the live certificate: connect to {@code host:port} and ask for
 * {@code serverName} by SNI.
 *
 * @param host       the host or address to connect to
 * @param port       the TCP port
 * @param serverName the SNI name to send; empty for none (an IP address is not sent as SNI)
 */
public record Endpoint(String host, int port, String serverName) {

    /** The label put in front of a wildcard's suffix to check it: {@code *.a.test} is checked as this under a.test. */
    static final String WILDCARD_PROBE = "vacme-check";

    public Endpoint {
        Objects.requireNonNull(host, "host");
        serverName = serverName == null ? "" : serverName;
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is out of range");
        }
    }

    /**
     * Parses {@code HOST:PORT} ({@code [v6]:PORT} for an IPv6 address).
     *
     * @throws IllegalArgumentException when it is not of that form
     */
    public static HostPort parse(String text) {
        String value = text.strip();
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw new IllegalArgumentException("expected HOST:PORT, not '" + text + "'");
        }
        String host = value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(value.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected HOST:PORT, not '" + text + "'");
        }
        if (port < 1 || port > 65535 || host.isEmpty()) {
            throw new IllegalArgumentException("expected HOST:PORT with a port from 1 to 65535, not '"
                    + text + "'");
        }
        return new HostPort(host, port);
    }

    /**
     * Returns one endpoint per name of the certificate at {@code host:port}: the SNI is each name,
     * a wildcard checked with one name under it, an IP address sent without SNI.
     */
    public static List<Endpoint> forNames(HostPort target, List<String> domains) {
        List<Endpoint> endpoints = new ArrayList<>();
        for (String domain : domains) {
            Endpoint endpoint = new Endpoint(target.host(), target.port(), sniFor(domain));
            if (!endpoints.contains(endpoint)) {
                endpoints.add(endpoint);
            }
        }
        return endpoints;
    }

    /** Returns the SNI name to check a certificate name with. */
    static String sniFor(String domain) {
        String name = domain.toLowerCase(Locale.ROOT);
        if (name.startsWith("*.")) {
            return WILDCARD_PROBE + name.substring(1);
        }
        return isIpAddress(name) ? "" : name;
    }

    private static boolean isIpAddress(String name) {
        return name.contains(":") || name.matches("[0-9.]+");
    }

    /** Returns {@code HOST:PORT (SNI name)} for messages. */
    public String describe() {
        String address = host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
        return serverName.isEmpty() ? address + " (no SNI)" : address + " (SNI " + serverName + ")";
    }

    /**
     * A place to connect to, before the SNI names are chosen.
     *
     * @param host the host or address
     * @param port the TCP port
     */
    public record HostPort(String host, int port) {

        @Override
        public String toString() {
            return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
        }
    }
}
