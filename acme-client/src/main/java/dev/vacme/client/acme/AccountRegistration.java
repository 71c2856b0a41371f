package dev.vacme.client.acme;

import dev.vacme.common.model.Account;
import java.net.URI;

/**
 * The server's answer to newAccount (RFC 8555 §7.3).
 *
 * @param url     the account URL, the {@code kid} of later requests
 * @param account the account object
 * @param created true for 201 Created, false when the key already had an account (200, §7.3.1)
 */
public record AccountRegistration(URI url, Account account, boolean created) {
}
