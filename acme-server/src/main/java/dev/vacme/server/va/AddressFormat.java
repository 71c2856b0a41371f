package dev.vacme.server.va;

import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Writes addresses the way people read them: IPv4 dotted quads, IPv6 in the RFC 5952 canonical
 * form ({@code ::1}, not Java's {@code 0:0:0:0:0:0:0:1}), with no zone.
 */
final class AddressFormat {

    private AddressFormat() {
    }

    /** Returns the canonical text of the address. */
    static String text(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address.getHostAddress();
        }
        byte[] bytes = address.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++) {
            int length = 0;
            while (i + length < 8 && groups[i + length] == 0) {
                length++;
            }
            if (length > bestLength) {
                bestStart = i;
                bestLength = length;
            }
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }

    /** Returns the address as it appears in a URL authority or {@code Host} header: IPv6 in brackets. */
    static String inUrl(InetAddress address) {
        String text = text(address);
        return address instanceof Inet6Address ? "[" + text + "]" : text;
    }
}
