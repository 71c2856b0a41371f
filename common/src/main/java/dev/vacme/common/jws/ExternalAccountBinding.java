package dev.vacme.common.jws;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.JWK;
import dev.vacme.common.json.AcmeJson;
import dev.vacme.common.json.AcmeJsonException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * External account binding (RFC 8555 §7.3.4): a JWS MACed with a key the CA handed out
 * beforehand, whose payload is the new account's public JWK.
 */
public final class ExternalAccountBinding {

    private ExternalAccountBinding() {
    }

    /**
     * Builds the binding a client puts into {@code externalAccountBinding}, MACed with HS256.
     *
     * @param keyId      the key identifier the CA issued
     * @param macKey     the MAC key the CA issued (already base64url-decoded)
     * @param accountKey the account's public JWK, the payload
     * @param url        the newAccount URL
     */
    public static FlattenedJws sign(String keyId, byte[] macKey, JWK accountKey, String url) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "HS256");
        header.put("kid", keyId);
        header.put("url", url);
        String protectedPart = Base64Url.encode(AcmeJson.writeBytes(header));
        String payloadPart = Base64Url.encode(
                AcmeJson.writeBytes(accountKey.toPublicJWK().toJSONObject()));
        byte[] input = (protectedPart + "." + payloadPart).getBytes(StandardCharsets.US_ASCII);
        String mac = Base64Url.encode(JwsCrypto.mac("HmacSHA256", macKey, input));
        return FlattenedJws.of(protectedPart, payloadPart, mac);
    }

    /**
     * Verifies a binding as RFC 8555 §7.3.4 requires: flattened JWS, an HMAC {@code alg}, a
     * {@code kid} the CA knows, no {@code nonce}, {@code url} equal to the outer JWS's, a valid
     * MAC, and a payload equal to the outer JWS's {@code jwk}.
     *
     * @param binding    the {@code externalAccountBinding} value
     * @param accountKey the {@code jwk} of the outer JWS
     * @param url        the {@code url} of the outer JWS
     * @param macKeys    looks up the MAC key for a key identifier
     * @return the key identifier the account is bound to
     * @throws JwsException MALFORMED, UNSUPPORTED_ALGORITHM, BAD_SIGNATURE or MISMATCH
     */
    public static String verify(JsonNode binding, JWK accountKey, String url,
            Function<String, Optional<byte[]>> macKeys) throws JwsException {
        FlattenedJws jws = FlattenedJws.parse(binding);
        if (JwsCrypto.macAlgorithm(jws.algorithm()) == null) {
            throw new JwsException(JwsException.Failure.UNSUPPORTED_ALGORITHM,
                    "the external account binding must use HS256, HS384 or HS512, not " + jws.algorithm());
        }
        if (jws.hasHeader("nonce")) {
            throw new JwsException(JwsException.Failure.MALFORMED,
                    "the external account binding must not carry a nonce");
        }
        String keyId = jws.kid().orElseThrow(() -> new JwsException(JwsException.Failure.MALFORMED,
                "the external account binding has no 'kid'"));
        if (!url.equals(jws.url().orElse(null))) {
            throw new JwsException(JwsException.Failure.MISMATCH,
                    "the external account binding's 'url' differs from the request URL");
        }
        byte[] macKey = macKeys.apply(keyId).orElseThrow(() -> new JwsException(JwsException.Failure.MISMATCH,
                "unknown external account key identifier '" + keyId + "'"));
        if (!jws.verifyMac(macKey)) {
            throw new JwsException(JwsException.Failure.BAD_SIGNATURE,
                    "the external account binding's MAC does not verify");
        }
        if (!Jwks.canonical(payloadKey(jws)).equals(Jwks.canonical(accountKey))) {
            throw new JwsException(JwsException.Failure.MISMATCH,
                    "the external account binding is for a different account key");
        }
        return keyId;
    }

    @SuppressWarnings("unchecked")
    private static JWK payloadKey(FlattenedJws jws) throws JwsException {
        try {
            return Jwks.parse(AcmeJson.read(jws.payload(), Map.class));
        } catch (AcmeJsonException e) {
            throw new JwsException(JwsException.Failure.MALFORMED,
                    "the external account binding's payload is not a JWK", e);
        }
    }
}
