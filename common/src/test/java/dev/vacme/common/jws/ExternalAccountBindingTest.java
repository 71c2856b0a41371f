package dev.vacme.common.jws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.JWK;
import dev.vacme.common.pki.KeyType;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ExternalAccountBindingTest {

    private static final String URL = "https://acme.test/new-account";
    private static final byte[] MAC_KEY = "a-shared-secret-of-32-bytes-long".getBytes(StandardCharsets.UTF_8);
    private static final Function<String, Optional<byte[]>> KEYS =
            kid -> "kid-1".equals(kid) ? Optional.of(MAC_KEY) : Optional.empty();

    private final JWK accountKey = Jwks.fromPublicKey(KeyType.EC_P256.generate().getPublic());

    @Test
    void aBindingSignedWithTheIssuedKeyVerifies() throws Exception {
        JsonNode binding = ExternalAccountBinding.sign("kid-1", MAC_KEY, accountKey, URL).toJsonNode();

        assertThat(ExternalAccountBinding.verify(binding, accountKey, URL, KEYS)).isEqualTo("kid-1");
    }

    @Test
    void anUnknownKeyIdIsAMismatch() {
        JsonNode binding = ExternalAccountBinding.sign("kid-2", MAC_KEY, accountKey, URL).toJsonNode();

        assertFailure(binding, accountKey, URL, JwsException.Failure.MISMATCH, "unknown external account key identifier 'kid-2'");
    }

    @Test
    void aWrongMacKeyFails() {
        JsonNode binding = ExternalAccountBinding.sign("kid-1", "another-secret".getBytes(), accountKey, URL).toJsonNode();

        assertFailure(binding, accountKey, URL, JwsException.Failure.BAD_SIGNATURE, "MAC does not verify");
    }

    @Test
    void aBindingForAnotherUrlFails() {
        JsonNode binding = ExternalAccountBinding.sign("kid-1", MAC_KEY, accountKey, "https://other.test/").toJsonNode();

        assertFailure(binding, accountKey, URL, JwsException.Failure.MISMATCH, "'url' differs");
    }

    @Test
    void aBindingOfAnotherAccountKeyFails() {
        JsonNode binding = ExternalAccountBinding.sign("kid-1", MAC_KEY, accountKey, URL).toJsonNode();
        JWK other = Jwks.fromPublicKey(KeyType.EC_P256.generate().getPublic());

        assertFailure(binding, other, URL, JwsException.Failure.MISMATCH, "different account key");
    }

    @Test
    void aBindingSignedWithAnAsymmetricKeyIsRefused() {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "ES256");
        header.put("kid", "kid-1");
        header.put("url", URL);
        JsonNode binding = JwsSigner.signHeader(KeyType.EC_P256.generate(), header,
                accountKey.toJSONString().getBytes()).toJsonNode();

        assertFailure(binding, accountKey, URL, JwsException.Failure.UNSUPPORTED_ALGORITHM, "HS256, HS384 or HS512");
    }

    @Test
    void aBindingWithANonceIsMalformed() {
        Map<String, Object> header = Map.of("alg", "HS256", "kid", "kid-1", "url", URL, "nonce", "n");
        String protectedPart = Base64Url.encode(dev.vacme.common.json.AcmeJson.writeBytes(header));
        String payload = Base64Url.encode(accountKey.toJSONString().getBytes());
        String mac = Base64Url.encode(JwsCrypto.mac("HmacSHA256", MAC_KEY,
                (protectedPart + "." + payload).getBytes(StandardCharsets.US_ASCII)));
        JsonNode binding = FlattenedJws.of(protectedPart, payload, mac).toJsonNode();

        assertFailure(binding, accountKey, URL, JwsException.Failure.MALFORMED, "must not carry a nonce");
    }

    private static void assertFailure(JsonNode binding, JWK key, String url, JwsException.Failure failure,
            String message) {
        assertThatThrownBy(() -> ExternalAccountBinding.verify(binding, key, url, KEYS))
                .isInstanceOf(JwsException.class)
                .hasMessageContaining(message)
                .extracting(e -> ((JwsException) e).failure()).isEqualTo(failure);
    }
}
