package dev.vacme.common.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;

/**
 * The payload of the inner JWS of a keyChange request (RFC 8555 §7.3.5).
 *
 * @param account the account URL
 * @param oldKey  the JWK of the current account key
 */
public record KeyChangeRequest(URI account, JsonNode oldKey) {
}
