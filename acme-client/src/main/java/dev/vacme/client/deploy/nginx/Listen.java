package dev.vacme.client.deploy.nginx;

import java.util.List;
import java.util.Optional;

/**
 * One {@code listen} directive of a server block.
 *
 * @param address       the address, empty for all addresses (IPv6 without brackets)
 * @param port          the port
 * @param ipv6          true for an IPv6 address
 * @param ssl           true with the {@code ssl} parameter
 * @param defaultServer true with {@code default_server} (or the old {@code default})
 */
public record Listen(String address, int port, boolean ipv6, boolean ssl, boolean defaultServer) {

    /** What a server block without {@code listen} listens on when nginx runs as root. */
    public static final Listen IMPLICIT = new Listen("", 80, false, false, false);

    /**
     * Parses the arguments of a {@code listen} directive; empty for UNIX sockets and what cannot
     * be read (nginx's own config test reports those).
     */
    public static Optional<Listen> parse(List<String> args) {
        if (args.isEmpty() || args.get(0).startsWith("unix:")) {
            return Optional.empty();
        }
        boolean ssl = args.contains("ssl");
        boolean defaultServer = args.contains("default_server") || args.contains("default");
        String spec = args.get(0);
        try {
            if (spec.startsWith("[")) {
                int close = spec.indexOf(']');
                String rest = spec.substring(close + 1);
                int port = rest.startsWith(":") ? Integer.parseInt(rest.substring(1)) : 80;
                String address = spec.substring(1, close);
                return Optional.of(new Listen(address.equals("::") ? "" : address, port, true, ssl, defaultServer));
            }
            if (spec.chars().allMatch(Character::isDigit)) {
                return Optional.of(new Listen("", Integer.parseInt(spec), false, ssl, defaultServer));
            }
            int colon = spec.lastIndexOf(':');
            String address = colon < 0 ? spec : spec.substring(0, colon);
            int port = colon < 0 ? 80 : Integer.parseInt(spec.substring(colon + 1));
            return Optional.of(new Listen(address.equals("*") ? "" : address, port, false, ssl, defaultServer));
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    /** Returns the host to connect to for reaching this listener from the same machine. */
    public String connectHost() {
        if (address.isEmpty()) {
            return ipv6 ? "::1" : "127.0.0.1";
        }
        return address;
    }
}
