package dev.vacme.common.jws;

import java.util.Base64;

/** Strict unpadded base64url (RFC 4648 §5), as JWS and ACME use it (RFC 8555 §6.1). */
public final class Base64Url {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private Base64Url() {
    }

    /** Encodes bytes without padding. */
    public static String encode(byte[] data) {
        return ENCODER.encodeToString(data);
    }

    /**
     * Decodes unpadded base64url.
     *
     * @throws IllegalArgumentException when the text has padding or characters outside the alphabet
     */
    public static byte[] decode(String text) {
        if (text.indexOf('=') >= 0) {
            throw new IllegalArgumentException("base64url must not be padded");
        }
        return DECODER.decode(text);
    }
}
