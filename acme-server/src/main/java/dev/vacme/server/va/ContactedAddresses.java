package dev.vacme.server.va;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The addresses one validation connected to, in order, for the audit log: validators add each
 * address before connecting, the registration authority reads them when the validation is over.
 */
public final class ContactedAddresses {

    private final List<String> addresses = new ArrayList<>();

    /** Notes that validation connects to {@code address}. */
    public synchronized void add(InetAddress address) {
        String text = AddressFormat.text(address);
        if (!addresses.contains(text)) {
            addresses.add(text);
        }
    }

    /** Returns the addresses noted so far. */
    public synchronized List<String> list() {
        return List.copyOf(addresses);
    }
}
