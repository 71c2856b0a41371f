package dev.vacme.client.store;

import java.net.URI;
import java.nio.file.Path;
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
 * @param created  when it was registered
 * @param caBundle the extra trust anchors the server's HTTPS needs ({@code --ca-bundle}), or null
 */
public record StoredAccount(URI server, URI url, KeyPair keys, List<String> contact, Instant created,
        Path caBundle) {

    public StoredAccount {
        contact = contact == null ? List.of() : List.copyOf(contact);
    }

    /** Returns a copy with other contacts. */
    public StoredAccount withContact(List<String> newContact) {
        return new StoredAccount(server, url, keys, newContact, created, caBundle);
    }

    /** Returns a copy that remembers another CA bundle. */
    public StoredAccount withCaBundle(Path newBundle) {
        return new StoredAccount(server, url, keys, contact, created, newBundle);
    }
}
