package dev.vacme.server.wfe.jws;

import com.nimbusds.jose.jwk.JWK;

/**
 * The verified inner JWS of a key-change request (RFC 8555 §7.3.5).
 *
 * @param newKey the new account key, which signed the inner JWS
 * @param oldKey the {@code oldKey} of the keyChange object
 */
public record KeyChange(JWK newKey, JWK oldKey) {
}
