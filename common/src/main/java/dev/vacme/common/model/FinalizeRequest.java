package dev.vacme.common.model;

/**
 * The payload of a finalize request (RFC 8555 §7.4).
 *
 * @param csr the base64url-encoded DER CSR, without padding
 */
public record FinalizeRequest(String csr) {
}
