package dev.vacme.common.jws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.JWK;
import dev.vacme.common.json.AcmeJson;
import dev.vacme.common.json.AcmeJsonException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A JWS in the flattened JSON serialization (RFC 7515 §7.2.2), the only form ACME accepts
 * (RFC 8555 §6.2). Parsing checks the shape; {@link #verify} checks algorithm and signature. The
 * ACME-specific header rules (jwk or kid, nonce, url) are the caller's, because they depend on the
 * resource the JWS was posted to.
 */
public final class FlattenedJws {

    /** Header parameters this implementation understands; anything in {@code crit} is refused. */
    private static final Set<String> ALLOWED_MEMBERS = Set.of("protected", "payload", "signature");

    private final String protectedPart;
    private final String payloadPart;
    private final String signaturePart;
    private final JsonNode header;
    private final byte[] payload;
    private final byte[] signature;

    private FlattenedJws(String protectedPart, String payloadPart, String signaturePart,
            JsonNode header, byte[] payload, byte[] signature) {
        this.protectedPart = protectedPart;
        this.payloadPart = payloadPart;
        this.signaturePart = signaturePart;
        this.header = header;
        this.payload = payload;
        this.signature = signature;
    }

    /** Assembles a JWS from its three encoded parts, as a signer produces them. */
    static FlattenedJws of(String protectedPart, String payloadPart, String signaturePart) {
        try {
            return fromParts(protectedPart, payloadPart, signaturePart);
        } catch (JwsException e) {
            throw new IllegalStateException("signer produced an invalid JWS", e);
        }
    }

    /**
     * Parses a request body.
     *
     * @throws JwsException (MALFORMED) when it is not a flattened JWS with a protected header only
     */
    public static FlattenedJws parse(byte[] body) throws JwsException {
        JsonNode node;
        try {
            node = AcmeJson.readTree(body);
        } catch (AcmeJsonException e) {
            throw malformed("request body is not valid JSON");
        }
        return parse(node);
    }

    /**
     * Parses a flattened JWS held in a JSON tree, e.g. the {@code externalAccountBinding} field.
     *
     * @throws JwsException (MALFORMED) when the shape is wrong
     */
    public static FlattenedJws parse(JsonNode node) throws JwsException {
        if (node == null || !node.isObject()) {
            throw malformed("a JWS must be a JSON object in the flattened serialization");
        }
        if (node.has("signatures")) {
            throw malformed("the general JWS serialization is not allowed; use the flattened serialization with one signature");
        }
        if (node.has("header")) {
            throw malformed("unprotected JWS header parameters are not allowed");
        }
        for (var names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!ALLOWED_MEMBERS.contains(name)) {
                throw malformed("unexpected JWS member '" + name + "'");
            }
        }
        return fromParts(text(node, "protected"), text(node, "payload"), text(node, "signature"));
    }

    private static FlattenedJws fromParts(String protectedPart, String payloadPart, String signaturePart)
            throws JwsException {
        if (protectedPart.isEmpty()) {
            throw malformed("the JWS protected header is empty");
        }
        JsonNode header;
        try {
            header = AcmeJson.readTree(decode(protectedPart, "protected header"));
        } catch (AcmeJsonException e) {
            throw malformed("the JWS protected header is not valid JSON");
        }
        if (!header.isObject()) {
            throw malformed("the JWS protected header is not a JSON object");
        }
        if (header.has("crit")) {
            throw malformed("the JWS 'crit' header names extensions this server does not support");
        }
        if (header.has("b64")) {
            throw malformed("the JWS 'b64' header is not allowed");
        }
        byte[] payload = decode(payloadPart, "payload");
        byte[] signature = decode(signaturePart, "signature");
        return new FlattenedJws(protectedPart, payloadPart, signaturePart, header, payload, signature);
    }

    /** Returns the decoded protected header. */
    public JsonNode header() {
        return header;
    }

    /** Returns the {@code alg} header, or null when missing or not a string. */
    public String algorithm() {
        return headerText("alg").orElse(null);
    }

    /** Returns the {@code jwk} header, if present. */
    public Optional<JsonNode> jwk() {
        return Optional.ofNullable(header.get("jwk"));
    }

    /** Returns the {@code kid} header, if present and a string. */
    public Optional<String> kid() {
        return headerText("kid");
    }

    /** Returns the {@code nonce} header, if present and a string. */
    public Optional<String> nonce() {
        return headerText("nonce");
    }

    /** Returns the {@code url} header, if present and a string. */
    public Optional<String> url() {
        return headerText("url");
    }

    /** Returns true when the header has the named parameter, whatever its type. */
    public boolean hasHeader(String name) {
        return header.has(name);
    }

    /** Returns the decoded payload; empty for POST-as-GET (RFC 8555 §6.3). */
    public byte[] payload() {
        return payload.clone();
    }

    /** Returns true when the payload is the empty string, as POST-as-GET requires. */
    public boolean hasEmptyPayload() {
        return payloadPart.isEmpty();
    }

    /**
     * Parses the {@code jwk} header into a JWK.
     *
     * @throws JwsException (MALFORMED) when absent or invalid
     */
    @SuppressWarnings("unchecked")
    public JWK parseJwk() throws JwsException {
        JsonNode jwk = jwk().orElseThrow(() -> malformed("the JWS has no 'jwk' header"));
        if (!jwk.isObject()) {
            throw malformed("the JWS 'jwk' header is not a JSON object");
        }
        return Jwks.parse(AcmeJson.convert(jwk, Map.class));
    }

    /**
     * Verifies the signature with the given key, checking first that the {@code alg} header is one
     * of Vacme's algorithms and fits the key (RFC 8555 §6.2).
     *
     * @throws JwsException UNSUPPORTED_ALGORITHM or BAD_SIGNATURE
     */
    public void verify(JWK key) throws JwsException {
        verify(VerificationKey.of(key));
    }

    /**
     * Verifies the signature with a prepared key, as {@link #verify(JWK)} does.
     *
     * @throws JwsException UNSUPPORTED_ALGORITHM or BAD_SIGNATURE
     */
    public void verify(VerificationKey key) throws JwsException {
        JwsAlgorithm algorithm = checkAlgorithm(key.jwk());
        if (!JwsCrypto.verify(algorithm, key, signingInput(), signature)) {
            throw new JwsException(JwsException.Failure.BAD_SIGNATURE, "the JWS signature does not verify");
        }
    }

    /**
     * Checks that {@code alg} is accepted and fits the key type, and that the key's own
     * {@code alg} member, when present, agrees.
     *
     * @throws JwsException UNSUPPORTED_ALGORITHM when it does not
     */
    public JwsAlgorithm checkAlgorithm(JWK key) throws JwsException {
        String alg = algorithm();
        JwsAlgorithm algorithm = JwsAlgorithm.fromHeader(alg).orElseThrow(() -> new JwsException(
                JwsException.Failure.UNSUPPORTED_ALGORITHM,
                alg == null ? "the JWS has no 'alg' header" : "JWS algorithm '" + alg + "' is not supported"));
        if (!algorithm.fits(key)) {
            throw new JwsException(JwsException.Failure.UNSUPPORTED_ALGORITHM,
                    "JWS algorithm " + alg + " does not fit a " + key.getKeyType() + " key of this size or curve");
        }
        if (key.getAlgorithm() != null && !key.getAlgorithm().getName().equals(alg)) {
            throw new JwsException(JwsException.Failure.UNSUPPORTED_ALGORITHM,
                    "the JWK's own 'alg' (" + key.getAlgorithm() + ") differs from the JWS 'alg' (" + alg + ")");
        }
        return algorithm;
    }

    /** Verifies an HMAC (RFC 7518 §3.2); returns false on a mismatch or a non-HMAC algorithm. */
    boolean verifyMac(byte[] key) {
        String jcaName = JwsCrypto.macAlgorithm(algorithm());
        return jcaName != null && JwsCrypto.macEquals(JwsCrypto.mac(jcaName, key, signingInput()), signature);
    }

    /** Returns the JWS signing input: {@code protected || '.' || payload}, both encoded. */
    public byte[] signingInput() {
        return (protectedPart + "." + payloadPart).getBytes(StandardCharsets.US_ASCII);
    }

    /** Returns the flattened serialization as a JSON tree. */
    public ObjectNode toJsonNode() {
        ObjectNode node = AcmeJson.objectNode();
        node.put("protected", protectedPart);
        node.put("payload", payloadPart);
        node.put("signature", signaturePart);
        return node;
    }

    /** Returns the flattened serialization as JSON text, ready to POST. */
    public String toJson() {
        return AcmeJson.write(toJsonNode());
    }

    private Optional<String> headerText(String name) {
        JsonNode value = header.get(name);
        return value != null && value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
    }

    private static String text(JsonNode node, String field) throws JwsException {
        JsonNode value = node.get(field);
        if (value == null) {
            throw malformed("the JWS has no '" + field + "' member");
        }
        if (!value.isTextual()) {
            throw malformed("the JWS '" + field + "' member is not a string");
        }
        return value.asText();
    }

    private static byte[] decode(String part, String what) throws JwsException {
        try {
            return Base64Url.decode(part);
        } catch (IllegalArgumentException e) {
            throw malformed("the JWS " + what + " is not valid unpadded base64url");
        }
    }

    private static JwsException malformed(String message) {
        return new JwsException(JwsException.Failure.MALFORMED, message);
    }
}
