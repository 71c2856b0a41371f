package dev.vacme.client.acme;

import dev.vacme.common.jws.FlattenedJws;
import dev.vacme.common.jws.JwsSigner;
import java.net.URI;
import java.security.KeyPair;

/**
 * Signs the JWS body of one ACME request (RFC 8555 §6.2): with the public key embedded
 * ({@code jwk}, for newAccount and revocation by certificate key) or with the account URL
 * ({@code kid}, for everything else).
 */
@FunctionalInterface
public interface RequestSigner {

    /** Signs the payload for the URL with the nonce. */
    FlattenedJws sign(String nonce, URI url, byte[] payload);

    /** Signs with the key embedded as {@code jwk}. */
    static RequestSigner withJwk(KeyPair keys) {
        return (nonce, url, payload) -> JwsSigner.signWithJwk(keys, nonce, url.toString(), payload);
    }

    /** Signs with the account URL as {@code kid}. */
    static RequestSigner withKid(KeyPair keys, URI account) {
        return (nonce, url, payload) -> JwsSigner.signWithKid(keys, account.toString(), nonce, url.toString(),
                payload);
    }
}
