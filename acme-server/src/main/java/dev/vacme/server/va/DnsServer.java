package dev.vacme.server.va;

import dev.vacme.common.pki.IpAddresses;
import java.net.InetAddress;

/**
 * The DNS server validation asks instead of the system resolver ({@code --dns-resolver HOST:PORT}).
 * The host is an IP literal: a resolver given by name would need a resolver to find it.
 *
 * @param address the server's address
 * @param port    its UDP port, 53 unless given
 */
public record DnsServer(InetAddress address, int port) {

    /** The standard DNS port. */
    public static final int DEFAULT_PORT = 53;

    private static final String EXPECTED = "IP:PORT, [IPv6]:PORT or a bare IP address (port 53), e.g. 127.0.0.1:8053";

    public DnsServer {
        if (address == null) {
            throw new IllegalArgumentException("a DNS server needs an address");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("DNS server port " + port + " is out of range 1-65535");
        }
    }

    /**
     * Parses {@code 127.0.0.1:8053}, {@code [::1]:8053}, {@code 127.0.0.1} or {@code ::1}.
     *
     * @throws IllegalArgumentException naming the bad value and the expected form
     */
    public static DnsServer parse(String text) {
        String value = text == null ? "" : text.strip();
        String host = value;
        String port = null;
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            if (close < 0 || (close + 1 < value.length() && value.charAt(close + 1) != ':')) {
                throw invalid(text, "unbalanced brackets");
            }
            host = value.substring(1, close);
            port = close + 1 < value.length() ? value.substring(close + 2) : null;
        } else if (value.indexOf(':') >= 0 && value.indexOf(':') == value.lastIndexOf(':')) {
            host = value.substring(0, value.indexOf(':'));
            port = value.substring(value.indexOf(':') + 1);
        }
        String hostText = host;
        InetAddress address = IpAddresses.parse(hostText)
                .orElseThrow(() -> invalid(text, "\"" + hostText + "\" is not an IP address"));
        if (port == null) {
            return new DnsServer(address, DEFAULT_PORT);
        }
        if (!port.matches("\\d{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
            throw invalid(text, "the port must be a number from 1 to 65535");
        }
        return new DnsServer(address, Integer.parseInt(port));
    }

    private static IllegalArgumentException invalid(String text, String why) {
        return new IllegalArgumentException("invalid DNS resolver \"" + text + "\": " + why + "; expected " + EXPECTED);
    }

    @Override
    public String toString() {
        return AddressFormat.inUrl(address) + ":" + port;
    }
}
