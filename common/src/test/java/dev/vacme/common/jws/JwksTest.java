package dev.vacme.common.jws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWK;
import dev.vacme.common.pki.KeyType;
import java.security.KeyPair;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JwksTest {

    /** The RSA key of RFC 7638 §3.1. */
    private static final Map<String, Object> RFC7638_KEY = Map.of(
            "kty", "RSA",
            "n", "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZ"
                    + "CiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAt"
                    + "aSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr"
                    + "3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw",
            "e", "AQAB",
            "alg", "RS256",
            "kid", "2011-04-29");

    @Test
    void thumbprintMatchesRfc7638Section3_1() throws Exception {
        JWK key = Jwks.parse(RFC7638_KEY);

        assertThat(Jwks.thumbprint(key)).isEqualTo("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
    }

    @Test
    void zeroPrefixedMembersDenoteTheSameKeyAndThumbprint() throws Exception {
        java.util.Map<String, Object> padded = new java.util.HashMap<>(RFC7638_KEY);
        byte[] n = Base64Url.decode((String) RFC7638_KEY.get("n"));
        byte[] prefixedN = new byte[n.length + 1];
        System.arraycopy(n, 0, prefixedN, 1, n.length);
        padded.put("n", Base64Url.encode(prefixedN));
        padded.put("e", "AAEAAQ");

        JWK canonical = Jwks.canonical(Jwks.parse(padded));

        assertThat(Jwks.thumbprint(Jwks.parse(padded))).isEqualTo("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
        assertThat(canonical.toJSONObject()).containsOnlyKeys("kty", "n", "e")
                .containsEntry("n", RFC7638_KEY.get("n")).containsEntry("e", "AQAB");
    }

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void publicKeysRoundTripThroughJwk(KeyType type) throws Exception {
        KeyPair keys = type.generate();

        JWK jwk = Jwks.fromPublicKey(keys.getPublic());

        assertThat(jwk.isPrivate()).isFalse();
        assertThat(Jwks.toPublicKey(JWK.parse(jwk.toJSONString())).getEncoded()).isEqualTo(keys.getPublic().getEncoded());
        assertThat(Jwks.thumbprint(keys.getPublic())).isEqualTo(Jwks.thumbprint(jwk)).hasSize(43);
    }

    @Test
    void rejectsPrivateAndSymmetricKeys() throws Exception {
        JWK privateKey = new com.nimbusds.jose.jwk.gen.ECKeyGenerator(com.nimbusds.jose.jwk.Curve.P_256).generate();
        JWK symmetric = JWK.parse(Map.of("kty", "oct", "k", "c2VjcmV0"));

        assertThatThrownBy(() -> Jwks.toPublicKey(privateKey)).isInstanceOf(JwsException.class)
                .hasMessageContaining("private key material");
        assertThatThrownBy(() -> Jwks.toPublicKey(symmetric)).isInstanceOf(JwsException.class)
                .hasMessageContaining("unsupported JWK key type oct");
    }

    @Test
    void rejectsJwksThatAreNotKeys() {
        assertThatThrownBy(() -> Jwks.parse(Map.of("kty", "EC", "crv", "P-256", "x", "AA")))
                .isInstanceOf(JwsException.class)
                .hasMessageStartingWith("invalid JWK")
                .extracting(e -> ((JwsException) e).failure()).isEqualTo(JwsException.Failure.MALFORMED);
    }
}
