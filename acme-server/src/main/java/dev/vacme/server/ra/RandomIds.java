package dev.vacme.server.ra;

import dev.vacme.common.jws.Base64Url;
import java.security.SecureRandom;

/** Random, unguessable identifiers for resources and challenge tokens. */
public final class RandomIds {

    private final SecureRandom random;

    /** Creates the generator over injected randomness. */
    public RandomIds(SecureRandom random) {
        this.random = random;
    }

    /** Returns 128 random bits, base64url: the id of an account, order, authorization or challenge. */
    public String resourceId() {
        return next(16);
    }

    /** Returns a challenge token: 256 random bits, base64url (RFC 8555 §8.3 asks for at least 128). */
    public String token() {
        return next(32);
    }

    private String next(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return Base64Url.encode(value);
    }
}
