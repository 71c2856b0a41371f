package dev.vacme.server.store;

import java.util.Optional;

/**
 * The result of an account key change.
 *
 * @param changed            true when the key was replaced
 * @param conflictingAccount the id of another account that already uses the new key, when that is
 *                           why it was not changed (RFC 8555 §7.3.5 step 9)
 */
public record KeyChangeOutcome(boolean changed, Optional<String> conflictingAccount) {
}
