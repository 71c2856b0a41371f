package dev.vacme.server.store;

/**
 * An account with the figures an operator looks at.
 *
 * @param account      the account
 * @param certificates how many certificates it has been issued
 */
public record AccountSummary(StoredAccount account, int certificates) {
}
