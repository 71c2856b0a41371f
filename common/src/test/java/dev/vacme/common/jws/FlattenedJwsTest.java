package dev.vacme.common.jws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.JWK;
import dev.vacme.common.json.AcmeJson;
import dev.vacme.common.pki.KeyType;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FlattenedJwsTest {

    private static final String URL = "https://acme.test/new-order";
    private static final byte[] PAYLOAD = "{\"identifiers\":[]}".getBytes(StandardCharsets.UTF_8);

    static Stream<Arguments> keysAndAlgorithms() throws Exception {
        KeyPairGenerator p521 = KeyPairGenerator.getInstance("EC");
        p521.initialize(new ECGenParameterSpec("secp521r1"));
        return Stream.of(
                Arguments.of(KeyType.EC_P256.generate(), "ES256"),
                Arguments.of(KeyType.EC_P384.generate(), "ES384"),
                Arguments.of(p521.generateKeyPair(), "ES512"),
                Arguments.of(KeyType.RSA_2048.generate(), "RS256"),
                Arguments.of(KeyType.ED25519.generate(), "EdDSA"));
    }

    @ParameterizedTest
    @MethodSource("keysAndAlgorithms")
    void signsWithJwkAndVerifies(KeyPair keys, String alg) throws Exception {
        FlattenedJws jws = JwsSigner.signWithJwk(keys, "nonce-1", URL, PAYLOAD);

        FlattenedJws parsed = FlattenedJws.parse(jws.toJson().getBytes(StandardCharsets.UTF_8));
        parsed.verify(parsed.parseJwk());

        assertThat(parsed.algorithm()).isEqualTo(alg);
        assertThat(parsed.nonce()).contains("nonce-1");
        assertThat(parsed.url()).contains(URL);
        assertThat(parsed.kid()).isEmpty();
        assertThat(parsed.payload()).isEqualTo(PAYLOAD);
        assertThat(Jwks.thumbprint(parsed.parseJwk())).isEqualTo(Jwks.thumbprint(keys.getPublic()));
    }

    @ParameterizedTest
    @MethodSource("keysAndAlgorithms")
    void signsPostAsGetWithKid(KeyPair keys, String alg) throws Exception {
        FlattenedJws jws = JwsSigner.signWithKid(keys, "https://acme.test/acct/1", "n", URL, new byte[0]);

        FlattenedJws parsed = FlattenedJws.parse(jws.toJson().getBytes(StandardCharsets.UTF_8));
        parsed.verify(Jwks.fromPublicKey(keys.getPublic()));

        assertThat(parsed.kid()).contains("https://acme.test/acct/1");
        assertThat(parsed.jwk()).isEmpty();
        assertThat(parsed.hasEmptyPayload()).isTrue();
        assertThat(AcmeJson.readTree(jws.toJson().getBytes()).get("payload").asText()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("keysAndAlgorithms")
    void aTamperedPayloadDoesNotVerify(KeyPair keys, String alg) throws Exception {
        ObjectNode body = JwsSigner.signWithJwk(keys, "n", URL, PAYLOAD).toJsonNode();
        body.put("payload", Base64Url.encode("{\"identifiers\":[1]}".getBytes(StandardCharsets.UTF_8)));

        FlattenedJws parsed = FlattenedJws.parse(AcmeJson.writeBytes(body));

        assertThatThrownBy(() -> parsed.verify(parsed.parseJwk()))
                .isInstanceOf(JwsException.class)
                .extracting(e -> ((JwsException) e).failure()).isEqualTo(JwsException.Failure.BAD_SIGNATURE);
    }

    @Test
    void anEcdsaSignatureInDerInsteadOfRAndSDoesNotVerify() throws Exception {
        KeyPair keys = KeyType.EC_P256.generate();
        FlattenedJws jws = JwsSigner.signWithJwk(keys, "n", URL, PAYLOAD);
        java.security.Signature der = java.security.Signature.getInstance("SHA256withECDSA");
        der.initSign(keys.getPrivate());
        der.update(jws.signingInput());
        ObjectNode body = jws.toJsonNode();
        body.put("signature", Base64Url.encode(der.sign()));

        FlattenedJws parsed = FlattenedJws.parse(AcmeJson.writeBytes(body));

        assertThatThrownBy(() -> parsed.verify(parsed.parseJwk())).isInstanceOf(JwsException.class)
                .hasMessage("the JWS signature does not verify");
    }

    @Test
    void aSignatureByAnotherKeyDoesNotVerify() throws Exception {
        FlattenedJws jws = JwsSigner.signWithKid(KeyType.EC_P256.generate(), "k", "n", URL, PAYLOAD);

        assertThatThrownBy(() -> jws.verify(Jwks.fromPublicKey(KeyType.EC_P256.generate().getPublic())))
                .isInstanceOf(JwsException.class).hasMessage("the JWS signature does not verify");
    }

    static Stream<Arguments> badAlgorithms() {
        return Stream.of(
                Arguments.of("none", "JWS algorithm 'none' is not supported"),
                Arguments.of("HS256", "JWS algorithm 'HS256' is not supported"),
                Arguments.of("RS512", "JWS algorithm 'RS512' is not supported"),
                Arguments.of("es256", "JWS algorithm 'es256' is not supported"),
                Arguments.of("ES384", "JWS algorithm ES384 does not fit"),
                Arguments.of("RS256", "JWS algorithm RS256 does not fit"));
    }

    @ParameterizedTest
    @MethodSource("badAlgorithms")
    void refusesAlgorithmsOutsideTheListOrNotFittingTheKey(String alg, String message) throws Exception {
        KeyPair keys = KeyType.EC_P256.generate();
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", alg);
        header.put("kid", "k");
        header.put("nonce", "n");
        header.put("url", URL);
        FlattenedJws jws = FlattenedJws.parse(JwsSigner.signHeader(keys, header, PAYLOAD).toJsonNode());

        assertThatThrownBy(() -> jws.verify(Jwks.fromPublicKey(keys.getPublic())))
                .isInstanceOf(JwsException.class)
                .hasMessageContaining(message)
                .extracting(e -> ((JwsException) e).failure()).isEqualTo(JwsException.Failure.UNSUPPORTED_ALGORITHM);
    }

    @Test
    void refusesAJwkWhoseOwnAlgDiffers() throws Exception {
        KeyPair keys = KeyType.EC_P256.generate();
        JWK jwk = new com.nimbusds.jose.jwk.ECKey.Builder(
                (com.nimbusds.jose.jwk.ECKey) Jwks.fromPublicKey(keys.getPublic()))
                .algorithm(com.nimbusds.jose.JWSAlgorithm.ES384).build();
        FlattenedJws jws = JwsSigner.signWithKid(keys, "k", "n", URL, PAYLOAD);

        assertThatThrownBy(() -> jws.verify(jwk)).isInstanceOf(JwsException.class)
                .hasMessageContaining("differs from the JWS 'alg'");
    }

    static Stream<Arguments> malformedBodies() {
        String header = Base64Url.encode("{\"alg\":\"ES256\",\"kid\":\"k\",\"nonce\":\"n\",\"url\":\"u\"}".getBytes());
        String crit = Base64Url.encode("{\"alg\":\"ES256\",\"crit\":[\"exp\"],\"exp\":1}".getBytes());
        String b64 = Base64Url.encode("{\"alg\":\"ES256\",\"b64\":false}".getBytes());
        return Stream.of(
                Arguments.of("not json", "not valid JSON"),
                Arguments.of("[]", "must be a JSON object"),
                Arguments.of("{\"payload\":\"\",\"signatures\":[]}", "general JWS serialization is not allowed"),
                Arguments.of("{\"protected\":\"" + header + "\",\"header\":{\"kid\":\"k\"},\"payload\":\"\","
                        + "\"signature\":\"AA\"}", "unprotected JWS header"),
                Arguments.of("{\"payload\":\"\",\"signature\":\"AA\"}", "no 'protected' member"),
                Arguments.of("{\"protected\":\"" + header + "\",\"signature\":\"AA\"}", "no 'payload' member"),
                Arguments.of("{\"protected\":\"" + header + "\",\"payload\":\"\"}", "no 'signature' member"),
                Arguments.of("{\"protected\":7,\"payload\":\"\",\"signature\":\"AA\"}", "'protected' member is not a string"),
                Arguments.of("{\"protected\":\"" + header + "\",\"payload\":\"e30=\",\"signature\":\"AA\"}",
                        "payload is not valid unpadded base64url"),
                Arguments.of("{\"protected\":\"" + header + "\",\"payload\":\"\",\"signature\":\"A+/\"}",
                        "signature is not valid unpadded base64url"),
                Arguments.of("{\"protected\":\"bm90IGpzb24\",\"payload\":\"\",\"signature\":\"AA\"}",
                        "protected header is not valid JSON"),
                Arguments.of("{\"protected\":\"\",\"payload\":\"\",\"signature\":\"AA\"}", "protected header is empty"),
                Arguments.of("{\"protected\":\"" + crit + "\",\"payload\":\"\",\"signature\":\"AA\"}", "'crit'"),
                Arguments.of("{\"protected\":\"" + b64 + "\",\"payload\":\"\",\"signature\":\"AA\"}", "'b64'"),
                Arguments.of("{\"protected\":\"" + header + "\",\"payload\":\"\",\"signature\":\"AA\",\"x\":1}",
                        "unexpected JWS member 'x'"));
    }

    @ParameterizedTest
    @MethodSource("malformedBodies")
    void rejectsMalformedSerializations(String body, String message) {
        assertThatThrownBy(() -> FlattenedJws.parse(body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(JwsException.class)
                .hasMessageContaining(message)
                .extracting(e -> ((JwsException) e).failure()).isEqualTo(JwsException.Failure.MALFORMED);
    }
}
