package dev.vacme.common.model;

import java.util.List;

/**
 * The payload of a POST to an account URL (RFC 8555 §7.3.2, §7.3.6). An empty payload object
 * fetches the account; {@code contact} replaces the contacts; {@code status: deactivated}
 * deactivates it.
 *
 * @param contact              the new contact URIs, or null to keep them
 * @param status               {@code deactivated} to deactivate, or null
 * @param termsOfServiceAgreed agreement to updated terms, or null
 */
public record AccountUpdateRequest(List<String> contact, AccountStatus status, Boolean termsOfServiceAgreed) {

    public AccountUpdateRequest {
        contact = contact == null ? null : List.copyOf(contact);
    }
}
