package dev.vacme.common.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The payload of a newAccount request (RFC 8555 §7.3).
 *
 * @param contact                contact URIs
 * @param termsOfServiceAgreed   agreement to the terms of service
 * @param onlyReturnExisting     look up the account for the key without creating one (§7.3.1)
 * @param externalAccountBinding the flattened EAB JWS (§7.3.4), kept as JSON for verification
 */
public record NewAccountRequest(
        List<String> contact,
        Boolean termsOfServiceAgreed,
        Boolean onlyReturnExisting,
        JsonNode externalAccountBinding) {

    public NewAccountRequest {
        contact = contact == null ? null : List.copyOf(contact);
    }
}
