package dev.vacme.client.store;

import java.net.URI;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;

/**
 * The account vacme holds at one ACME server.
 *
 * @param server  the ACME directory URL
 * @param url     the account URL ({@code kid})
 * @param keys    the account key pair
 * @param contact the contacts last sent to the server
 * @param created when it was registered
 */
public record StoredAccount(URI server, URI url, KeyPair keys, List<String> contact, Instant created) {

    public StoredAccount {
        contact = contact == null ? List.of() : List.copyOf(contact);
    }

    /** Returns a copy with other contacts. */
    public StoredAccount withContact(List<String> newContact) {
        return new StoredAccount(server, url, keys, newContact, created);
    }
}
