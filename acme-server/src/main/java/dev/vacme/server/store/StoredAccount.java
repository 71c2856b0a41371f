package dev.vacme.server.store;

import com.nimbusds.jose.jwk.JWK;
import dev.vacme.common.model.AccountStatus;
import java.text.ParseException;
import java.time.Instant;
import java.util.List;

/**
 * An account as the server stores it.
 *
 * @param id                   the random, unguessable account id (the last path segment of its URL)
 * @param jwk                  the account's public key as JWK JSON text
 * @param keyThumbprint        the RFC 7638 thumbprint of {@code jwk}; unique among accounts
 * @param status               {@code VALID} or {@code DEACTIVATED} ({@code REVOKED} is reserved for operators)
 * @param contact              contact URIs ({@code mailto:} only)
 * @param termsOfServiceAgreed whether the client agreed to the terms of service
 * @param eabKeyId             the external account binding key id, or null
 * @param createdAt            when the account was created
 */
public record StoredAccount(
        String id,
        String jwk,
        String keyThumbprint,
        AccountStatus status,
        List<String> contact,
        boolean termsOfServiceAgreed,
        String eabKeyId,
        Instant createdAt) {

    public StoredAccount {
        contact = List.copyOf(contact);
    }

    /**
     * Returns the account key as a JWK.
     *
     * @throws IllegalStateException when the stored JWK cannot be parsed, which only a corrupted
     *                               database can cause
     */
    public JWK publicJwk() {
        try {
            return JWK.parse(jwk);
        } catch (ParseException e) {
            throw new IllegalStateException("the stored key of account " + id + " is corrupt", e);
        }
    }
}
