package dev.vacme.server.va;

import dev.vacme.common.pki.IpAddresses;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * An IPv4 or IPv6 network in CIDR notation (RFC 4632, RFC 4291 §2.3), e.g. {@code 127.0.0.0/8}
 * or {@code fe80::/10}. Host bits are cleared, so {@code 127.0.0.1/8} is {@code 127.0.0.0/8}.
 *
 * @param network      the network address, host bits zero
 * @param prefixLength the number of leading bits that must match, 0 to 32 (IPv4) or 128 (IPv6)
 */
public record Cidr(InetAddress network, int prefixLength) {

    /** What {@link #parse} accepts, for error messages. */
    static final String EXPECTED = "an IPv4 or IPv6 network such as 127.0.0.0/8 or fd00::/8, or a single address";

    public Cidr {
        if (network == null) {
            throw new IllegalArgumentException("a CIDR needs a network address");
        }
        int bits = network.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " is out of range 0-" + bits
                    + " for " + AddressFormat.text(network));
        }
        network = masked(network, prefixLength);
    }

    /**
     * Parses {@code ADDRESS/PREFIX} or a bare address (a /32 or /128). Names are never resolved.
     *
     * @throws IllegalArgumentException naming the bad value and the expected form
     */
    public static Cidr parse(String text) {
        String value = text == null ? "" : text.strip();
        int slash = value.indexOf('/');
        String addressText = slash < 0 ? value : value.substring(0, slash);
        InetAddress address = IpAddresses.parse(addressText).orElseThrow(() -> new IllegalArgumentException(
                "invalid network \"" + text + "\": \"" + addressText + "\" is not an IP address; expected "
                        + EXPECTED));
        int bits = address.getAddress().length * 8;
        if (slash < 0) {
            return new Cidr(address, bits);
        }
        String prefixText = value.substring(slash + 1);
        if (!prefixText.matches("\\d{1,3}") || Integer.parseInt(prefixText) > bits) {
            throw new IllegalArgumentException("invalid network \"" + text
                    + "\": the prefix length must be a number from 0 to " + bits + "; expected " + EXPECTED);
        }
        return new Cidr(address, Integer.parseInt(prefixText));
    }

    /**
     * Returns true when the address lies in this network. An IPv4-mapped IPv6 address
     * ({@code ::ffff:a.b.c.d}) is compared as the IPv4 address it carries.
     */
    public boolean contains(InetAddress address) {
        InetAddress candidate = Cidr.unmapped(address);
        if (candidate.getClass() != network.getClass()) {
            return false;
        }
        return masked(candidate, prefixLength).equals(network);
    }

    /** Returns the IPv4 address an IPv4-mapped IPv6 address carries, else the address itself. */
    static InetAddress unmapped(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] bytes = address.getAddress();
            boolean mapped = bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
            for (int i = 0; i < 10 && mapped; i++) {
                mapped = bytes[i] == 0;
            }
            if (mapped) {
                return byAddress(Arrays.copyOfRange(bytes, 12, 16));
            }
        }
        return address;
    }

    private static InetAddress masked(InetAddress address, int prefixLength) {
        byte[] bytes = address.getAddress();
        for (int i = 0; i < bytes.length; i++) {
            int keep = Math.max(0, Math.min(8, prefixLength - i * 8));
            bytes[i] &= (byte) (0xff << (8 - keep));
        }
        return byAddress(bytes);
    }

    private static InetAddress byAddress(byte[] bytes) {
        try {
            return bytes.length == 4 ? Inet4Address.getByAddress(bytes) : Inet6Address.getByAddress(null, bytes, null);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of " + bytes.length + " bytes is always valid", e);
        }
    }

    @Override
    public String toString() {
        return AddressFormat.text(network) + "/" + prefixLength;
    }
}
