package dev.vacme.common.model;

/**
 * The payload of a revokeCert request (RFC 8555 §7.6).
 *
 * @param certificate the base64url-encoded DER certificate to revoke
 * @param reason      the RFC 5280 §5.3.1 reason code, optional
 */
public record RevocationRequest(String certificate, Integer reason) {
}
