package dev.vacme.client.acme;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One HTTP request to an ACME server.
 *
 * @param method      {@code GET}, {@code HEAD} or {@code POST}
 * @param uri         the target
 * @param accept      the {@code Accept} header, or null
 * @param contentType the {@code Content-Type} of the body, or null without a body
 * @param body        the body, or null
 */
public record AcmeRequest(String method, URI uri, String accept, String contentType, byte[] body) {

    /** The media type of a JWS request body (RFC 8555 §6.2). */
    public static final String JOSE_JSON = "application/jose+json";

    public AcmeRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
    }

    /** A GET asking for JSON. */
    public static AcmeRequest get(URI uri) {
        return new AcmeRequest("GET", uri, "application/json", null, null);
    }

    /** A HEAD request, as used for newNonce (RFC 8555 §7.2). */
    public static AcmeRequest head(URI uri) {
        return new AcmeRequest("HEAD", uri, null, null, null);
    }

    /** A POST of a JWS body. */
    public static AcmeRequest post(URI uri, String jwsJson, String accept) {
        return new AcmeRequest("POST", uri, accept, JOSE_JSON,
                jwsJson.getBytes(StandardCharsets.UTF_8));
    }
}
