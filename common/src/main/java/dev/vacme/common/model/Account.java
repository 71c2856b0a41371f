package dev.vacme.common.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.List;

/**
 * An account object as the server returns it (RFC 8555 §7.1.2).
 *
 * @param status                 the account status
 * @param contact                contact URIs, e.g. {@code mailto:admin@example.com}
 * @param termsOfServiceAgreed   whether the client agreed to the terms of service
 * @param externalAccountBinding the binding the account was created with, if any (§7.3.4)
 * @param orders                 the URL of the account's order list (§7.1.2.1)
 */
public record Account(
        AccountStatus status,
        List<String> contact,
        Boolean termsOfServiceAgreed,
        JsonNode externalAccountBinding,
        URI orders) {

    public Account {
        contact = contact == null ? null : List.copyOf(contact);
    }
}
