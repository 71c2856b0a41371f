package dev.vacme.server.va;

import dev.vacme.common.model.Identifier;

/**
 * What to validate.
 *
 * @param challengeType    the challenge type, e.g. {@code http-01}
 * @param identifier       the identifier being authorized (never a wildcard)
 * @param token            the challenge token
 * @param keyAuthorization the expected key authorization (RFC 8555 §8.1)
 * @param accountId        the account that asked, whose validations share its fair part of the slots
 * @param wildcard         whether the authorization is for {@code *.} + the identifier (CAA then reads issuewild)
 * @param contacted        where validators note each address they connect to, for the audit log
 */
public record ValidationRequest(String challengeType, Identifier identifier, String token, String keyAuthorization,
        String accountId, boolean wildcard, ContactedAddresses contacted) {

    /** A request for a plain (not wildcard) identifier whose contacted addresses start empty. */
    public ValidationRequest(String challengeType, Identifier identifier, String token, String keyAuthorization,
            String accountId) {
        this(challengeType, identifier, token, keyAuthorization, accountId, false);
    }

    /** A request whose contacted addresses start empty. */
    public ValidationRequest(String challengeType, Identifier identifier, String token, String keyAuthorization,
            String accountId, boolean wildcard) {
        this(challengeType, identifier, token, keyAuthorization, accountId, wildcard, new ContactedAddresses());
    }
}
