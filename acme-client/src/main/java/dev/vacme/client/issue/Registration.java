package dev.vacme.client.issue;

import java.util.List;

/**
 * What an operator supplies to create an account (RFC 8555 §7.3).
 *
 * @param contacts   contact URIs, e.g. {@code mailto:admin@example.com}; may be empty
 * @param agreeTos   the operator agreed to the server's terms of service
 * @param eabKeyId   the external account key identifier (§7.3.4), or null
 * @param eabMacKey  the external account MAC key, decoded, or null
 */
public record Registration(List<String> contacts, boolean agreeTos, String eabKeyId, byte[] eabMacKey) {

    public Registration {
        contacts = List.copyOf(contacts);
        eabMacKey = eabMacKey == null ? null : eabMacKey.clone();
    }

    /** Returns true when an external account binding was given. */
    public boolean hasEab() {
        return eabKeyId != null && eabMacKey != null;
    }
}
