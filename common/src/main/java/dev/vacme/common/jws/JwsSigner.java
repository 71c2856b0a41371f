package dev.vacme.common.jws;

import com.nimbusds.jose.jwk.JWK;
import dev.vacme.common.json.AcmeJson;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the JWS bodies of ACME requests (RFC 8555 §6.2): flattened serialization, protected
 * header only, carrying {@code alg}, either {@code jwk} or {@code kid}, {@code nonce} and
 * {@code url}.
 */
public final class JwsSigner {

    private JwsSigner() {
    }

    /**
     * Signs with the public key embedded as {@code jwk}, as newAccount and revokeCert by
     * certificate key require (RFC 8555 §6.2).
     *
     * @param keys    the signing key pair
     * @param nonce   the anti-replay nonce, or null for the inner JWS of a key change (§7.3.5)
     * @param url     the request URL
     * @param payload the payload bytes; empty for POST-as-GET
     */
    public static FlattenedJws signWithJwk(KeyPair keys, String nonce, String url, byte[] payload) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", JwsAlgorithm.forKey(keys.getPublic()).headerName());
        header.put("jwk", Jwks.fromPublicKey(keys.getPublic()).toJSONObject());
        return sign(keys, header, nonce, url, payload);
    }

    /**
     * Signs with the account URL as {@code kid}, as every request after account creation
     * requires (RFC 8555 §6.2).
     */
    public static FlattenedJws signWithKid(KeyPair keys, String kid, String nonce, String url, byte[] payload) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", JwsAlgorithm.forKey(keys.getPublic()).headerName());
        header.put("kid", kid);
        return sign(keys, header, nonce, url, payload);
    }

    /** Signs an arbitrary protected header; for tests that need malformed requests. */
    public static FlattenedJws signHeader(KeyPair keys, Map<String, Object> header, byte[] payload) {
        JwsAlgorithm algorithm = JwsAlgorithm.forKey(keys.getPublic());
        String protectedPart = Base64Url.encode(AcmeJson.writeBytes(header));
        String payloadPart = Base64Url.encode(payload);
        byte[] input = (protectedPart + "." + payloadPart).getBytes(StandardCharsets.US_ASCII);
        String signature = Base64Url.encode(JwsCrypto.sign(algorithm, keys.getPrivate(), input));
        return FlattenedJws.of(protectedPart, payloadPart, signature);
    }

    /** Returns the public JWK of a key pair. */
    public static JWK publicJwk(KeyPair keys) {
        return Jwks.fromPublicKey(keys.getPublic());
    }

    private static FlattenedJws sign(KeyPair keys, Map<String, Object> header, String nonce, String url,
            byte[] payload) {
        if (nonce != null) {
            header.put("nonce", nonce);
        }
        header.put("url", url);
        return signHeader(keys, header, payload);
    }
}
