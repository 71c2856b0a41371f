package dev.vacme.server.ra;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * What a per-address rate limit counts against: an IPv4 address itself, an IPv6 address's /64
 * network (one customer usually holds a whole /64, so counting single IPv6 addresses would be no
 * limit at all).
 */
public final class ClientAddresses {

    private ClientAddresses() {
    }

    /**
     * Returns the address's group: {@code 192.0.2.7} for IPv4 (also when written IPv4-mapped in
     * IPv6), {@code 2001:db8:1:2:0:0:0:0/64} for IPv6, {@code unknown} for anything not an IP literal.
     */
    public static String group(String address) {
        if (address == null || address.isEmpty() || !address.matches("[0-9A-Fa-f:.%\\[\\]a-zA-Z]+")
                || !(address.contains(":") || address.matches("[0-9.]+"))) {
            return "unknown";
        }
        InetAddress parsed;
        try {
            // An IP literal: no name is looked up.
            parsed = InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            return "unknown";
        }
        if (parsed instanceof Inet6Address) {
            byte[] network = Arrays.copyOf(Arrays.copyOf(parsed.getAddress(), 8), 16);
            try {
                return InetAddress.getByAddress(network).getHostAddress() + "/64";
            } catch (UnknownHostException e) {
                return "unknown";
            }
        }
        return parsed.getHostAddress();
    }
}
