package dev.vacme.server.wfe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.common.json.AcmeJson;
import dev.vacme.common.jws.Base64Url;
import dev.vacme.common.model.NewAccountRequest;
import dev.vacme.common.problem.Problem;
import dev.vacme.server.testing.AcmeServerTest;
import dev.vacme.server.testing.AcmeTestClient;
import dev.vacme.server.testing.AcmeTestClient.Response;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A CA must never let a key that anyone can sign for, or any second encoding of a registered
 * key, act as an account (RFC 8555 §6.7 badPublicKey; RFC 7638 thumbprints over the minimal
 * encoding). Each bad key is sent to newAccount and must get its exact problem document, never a
 * 500.
 */
class AccountKeySafetyTest extends AcmeServerTest {

    /** P-256's field prime. */
    private static final BigInteger P256_P = new BigInteger(
            "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff", 16);

    /** A key sent as a JWK, and the detail its refusal must contain. */
    record BadKey(String name, Map<String, Object> jwk, String alg, byte[] signature, String detail) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<BadKey> unsafeAccountKeys() {
        KeyPair p256 = generate("EC", 256);
        var w = ((java.security.interfaces.ECPublicKey) p256.getPublic()).getW();
        return Stream.of(
                smallOrderEd25519("the identity point", "0100000000000000000000000000000000000000000000000000000000000000"),
                smallOrderEd25519("the point of order 2", "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
                smallOrderEd25519("a point of order 4", "0000000000000000000000000000000000000000000000000000000000000000"),
                smallOrderEd25519("a point of order 4, sign bit set", "0000000000000000000000000000000000000000000000000000000000000080"),
                smallOrderEd25519("a point of order 8", "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05"),
                smallOrderEd25519("another point of order 8", "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a"),
                smallOrderEd25519("the identity, y not reduced", "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
                new BadKey("a P-256 x coordinate of 33 bytes, at least p",
                        ecJwk(unsigned(w.getAffineX().add(P256_P), 33), unsigned(w.getAffineY(), 32)),
                        "ES256", new byte[64], "invalid JWK"),
                new BadKey("a P-256 point off the curve",
                        ecJwk(unsigned(w.getAffineX(), 32), unsigned(w.getAffineY().add(BigInteger.ONE), 32)),
                        "ES256", new byte[64], "invalid JWK"),
                rsa("an even RSA modulus", BigInteger.ONE.shiftLeft(2047).add(BigInteger.TWO),
                        "its RSA modulus is divisible by 2"),
                rsa("an RSA modulus with the factor 751",
                        BigInteger.valueOf(751).multiply(BigInteger.probablePrime(2038, new java.util.Random(7))),
                        "its RSA modulus is divisible by 751"),
                rsa("an RSA modulus of two close primes", closePrimesModulus(),
                        "its RSA modulus is the product of two primes so close together that it can be factored"),
                rsa("an RSA modulus with the ROCA fingerprint", rocaFingerprintModulus(),
                        "its RSA modulus was made by a generator with a known flaw (ROCA, CVE-2017-15361)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unsafeAccountKeys")
    void unsafeKeysCannotRegister(BadKey bad) {
        Response response = client.postRaw(newAccountUrl(), "application/jose+json",
                rawJws(bad.jwk(), bad.alg(), bad.signature()));

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        Problem problem = response.problem();
        assertThat(problem.type()).isEqualTo("urn:ietf:params:acme:error:badPublicKey");
        assertThat(problem.detail()).contains(bad.detail());
    }

    @Test
    void aGeneratedEd25519KeyStillRegisters() {
        KeyPair key = generate("Ed25519", 0);

        Response response = client.postWithJwk(newAccountUrl(), key, new NewAccountRequest(null, true, null, null));

        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    @Test
    void anRsaKeyWithZeroPrefixedMembersIsTheSameAccount() throws Exception {
        KeyPair key = generate("RSA", 2048);
        RSAPublicKey rsa = (RSAPublicKey) key.getPublic();
        Response canonical = client.postWithJwk(newAccountUrl(), key, new NewAccountRequest(null, true, null, null));

        Map<String, Object> padded = rsaJwk(withLeadingZeros(rsa.getModulus(), 2), withLeadingZeros(rsa.getPublicExponent(), 1));
        Response again = client.postRaw(newAccountUrl(), "application/jose+json", signedRs256(key, padded));

        assertThat(canonical.status()).as(canonical.body()).isEqualTo(201);
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.location()).isEqualTo(canonical.location());
    }

    private static BadKey smallOrderEd25519(String name, String hex) {
        Map<String, Object> jwk = new LinkedHashMap<>();
        jwk.put("kty", "OKP");
        jwk.put("crv", "Ed25519");
        jwk.put("x", Base64Url.encode(HexFormat.of().parseHex(hex)));
        // R = the identity's encoding, S = 0: verifies under any small-order key for any message.
        byte[] signature = new byte[64];
        signature[0] = 1;
        return new BadKey("Ed25519: " + name, jwk, "EdDSA", signature,
                "the account key is unsafe: its Ed25519 point is not a canonically encoded point of full order");
    }

    private static BadKey rsa(String name, BigInteger modulus, String detail) {
        return new BadKey(name, rsaJwk(unsigned(modulus, (modulus.bitLength() + 7) / 8),
                unsigned(BigInteger.valueOf(65537), 3)), "RS256", new byte[256], "the account key is unsafe: " + detail);
    }

    private static BigInteger closePrimesModulus() {
        BigInteger p = BigInteger.probablePrime(1024, new java.util.Random(11));
        return p.multiply(p.nextProbablePrime());
    }

    /**
     * A 2048-bit odd number congruent to 65537 modulo each ROCA prime, so it carries the
     * fingerprint, and with no prime factor below 1000, so only the fingerprint can refuse it.
     */
    private static BigInteger rocaFingerprintModulus() {
        BigInteger m = BigInteger.TWO;
        for (int r : new int[] {11, 13, 17, 19, 37, 53, 61, 71, 73, 79, 97, 103, 107, 109, 127, 151, 157}) {
            m = m.multiply(BigInteger.valueOf(r));
        }
        BigInteger k = BigInteger.ONE.shiftLeft(2047).divide(m);
        BigInteger n;
        do {
            k = k.add(BigInteger.ONE);
            n = k.multiply(m).add(BigInteger.valueOf(65537));
        } while (hasFactorBelow1000(n));
        return n;
    }

    private static boolean hasFactorBelow1000(BigInteger n) {
        for (int d = 2; d < 1000; d++) {
            if (n.mod(BigInteger.valueOf(d)).signum() == 0) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, Object> ecJwk(byte[] x, byte[] y) {
        Map<String, Object> jwk = new LinkedHashMap<>();
        jwk.put("kty", "EC");
        jwk.put("crv", "P-256");
        jwk.put("x", Base64Url.encode(x));
        jwk.put("y", Base64Url.encode(y));
        return jwk;
    }

    private static Map<String, Object> rsaJwk(byte[] n, byte[] e) {
        Map<String, Object> jwk = new LinkedHashMap<>();
        jwk.put("kty", "RSA");
        jwk.put("n", Base64Url.encode(n));
        jwk.put("e", Base64Url.encode(e));
        return jwk;
    }

    private static byte[] unsigned(BigInteger value, int length) {
        byte[] bytes = value.toByteArray();
        byte[] out = new byte[length];
        int copy = Math.min(bytes.length, length);
        System.arraycopy(bytes, bytes.length - copy, out, length - copy, copy);
        return out;
    }

    private static byte[] withLeadingZeros(BigInteger value, int zeros) {
        int length = (value.bitLength() + 7) / 8;
        return unsigned(value, length + zeros);
    }

    private static String rawJws(Map<String, Object> jwk, String alg, byte[] signature) {
        String protectedPart = protectedHeader(jwk, alg);
        String payloadPart = Base64Url.encode(AcmeTestClient.bytes(new NewAccountRequest(null, true, null, null)));
        return jws(protectedPart, payloadPart, signature);
    }

    private static String signedRs256(KeyPair key, Map<String, Object> jwk) throws Exception {
        String protectedPart = protectedHeader(jwk, "RS256");
        String payloadPart = Base64Url.encode(AcmeTestClient.bytes(new NewAccountRequest(null, true, null, null)));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(key.getPrivate());
        signature.update((protectedPart + "." + payloadPart).getBytes(StandardCharsets.US_ASCII));
        return jws(protectedPart, payloadPart, signature.sign());
    }

    private static String protectedHeader(Map<String, Object> jwk, String alg) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", alg);
        header.put("jwk", jwk);
        header.put("nonce", client.nonce());
        header.put("url", newAccountUrl());
        return Base64Url.encode(AcmeJson.writeBytes(header));
    }

    private static String jws(String protectedPart, String payloadPart, byte[] signature) {
        var node = AcmeJson.objectNode();
        node.put("protected", protectedPart).put("payload", payloadPart).put("signature", Base64Url.encode(signature));
        return node.toString();
    }

    private static String newAccountUrl() {
        return client.directory().newAccount().toString();
    }

    private static KeyPair generate(String algorithm, int size) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (size > 0) {
                generator.initialize(size);
            }
            return generator.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
