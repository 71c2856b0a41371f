package dev.vacme.common.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.vacme.common.json.AcmeJson;
import dev.vacme.common.json.AcmeJsonException;
import dev.vacme.common.jws.FlattenedJws;
import dev.vacme.common.jws.JwsException;
import dev.vacme.common.jws.JwsSigner;
import dev.vacme.common.model.NewAccountRequest;
import dev.vacme.common.model.NewOrderRequest;
import dev.vacme.common.pki.Csr;
import dev.vacme.common.pki.CsrBuilder;
import dev.vacme.common.pki.KeyType;
import dev.vacme.common.pki.Pem;
import dev.vacme.common.pki.PkiException;
import dev.vacme.common.testing.TestCertificates;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Hostile input for the parsers that read what clients send: mutations of valid JWS bodies, JSON
 * payloads, CSRs and PEM text, from a fixed seed so a failure replays. Each parser must return or
 * throw its own typed exception (which the server turns into a problem document), never anything
 * else, and never hang.
 */
class ParserFuzzTest {

    private static final long SEED = 20261130L;
    private static final int CASES = 1500;

    private final Random random = new Random(SEED);

    @Test
    void jwsParsingReturnsOrThrowsJwsException() {
        KeyPair key = KeyType.EC_P256.generate();
        byte[] valid = JwsSigner.signWithJwk(key, "nonce", "https://a.test/acme/new-account",
                "{\"termsOfServiceAgreed\":true}".getBytes(StandardCharsets.UTF_8)).toJson()
                .getBytes(StandardCharsets.UTF_8);

        assertOnlyTypedFailures(valid, body -> {
            FlattenedJws jws = FlattenedJws.parse(body);
            jws.parseJwk();
            jws.verify(jws.parseJwk());
            return jws;
        }, JwsException.class);
    }

    @Test
    void jsonPayloadsReturnOrThrowAcmeJsonException() {
        byte[] order = "{\"identifiers\":[{\"type\":\"dns\",\"value\":\"a.test\"}],\"notAfter\":\"2026-01-01T00:00:00Z\"}"
                .getBytes(StandardCharsets.UTF_8);
        byte[] account = "{\"contact\":[\"mailto:a@a.test\"],\"termsOfServiceAgreed\":true,\"onlyReturnExisting\":false}"
                .getBytes(StandardCharsets.UTF_8);

        assertOnlyTypedFailures(order, json -> AcmeJson.read(json, NewOrderRequest.class), AcmeJsonException.class);
        assertOnlyTypedFailures(account, json -> AcmeJson.read(json, NewAccountRequest.class), AcmeJsonException.class);
    }

    @Test
    void csrParsingReturnsOrThrowsPkiException() {
        byte[] valid = new CsrBuilder().dns(List.of("a.test", "b.test")).build(KeyType.EC_P256.generate());

        assertOnlyTypedFailures(valid, Csr::parse, PkiException.class);
    }

    @Test
    void pemParsingReturnsOrThrowsPkiException() {
        KeyPair key = KeyType.EC_P256.generate();
        byte[] chain = Pem.encodeCertificates(List.of(TestCertificates.selfSigned(key, "a.test"),
                TestCertificates.selfSigned(key, "b.test"))).getBytes(StandardCharsets.US_ASCII);
        byte[] csr = Pem.encodeCsr(new CsrBuilder().dns(List.of("a.test")).build(key)).getBytes(StandardCharsets.US_ASCII);

        assertOnlyTypedFailures(chain, text -> Pem.readCertificates(new String(text, StandardCharsets.ISO_8859_1)),
                PkiException.class);
        assertOnlyTypedFailures(csr, text -> Pem.readCsr(new String(text, StandardCharsets.ISO_8859_1)),
                PkiException.class);
    }

    /** Feeds {@value #CASES} mutations of {@code valid} to the parser, within 60 s in all. */
    private void assertOnlyTypedFailures(byte[] valid, Parser parser, Class<? extends Exception> typed) {
        List<String> untyped = new ArrayList<>();
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < CASES; i++) {
                byte[] input = mutate(valid);
                try {
                    parser.parse(input);
                } catch (Exception e) {
                    if (!typed.isInstance(e)) {
                        untyped.add(e + " for " + new String(input, StandardCharsets.ISO_8859_1));
                    }
                }
            }
        });
        assertThat(untyped).as("failures other than %s", typed.getSimpleName()).isEmpty();
    }

    /** One of: flipped bits, a truncation, inserted or overwritten random bytes, a repeated slice, or noise. */
    private byte[] mutate(byte[] valid) {
        byte[] out = valid.clone();
        switch (random.nextInt(6)) {
            case 0 -> {
                for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                    out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 1 -> out = java.util.Arrays.copyOf(valid, random.nextInt(valid.length));
            case 2 -> {
                int at = random.nextInt(valid.length);
                byte[] noise = noise(1 + random.nextInt(16));
                out = concat(java.util.Arrays.copyOf(valid, at), noise,
                        java.util.Arrays.copyOfRange(valid, at, valid.length));
            }
            case 3 -> {
                int at = random.nextInt(valid.length);
                byte[] noise = noise(Math.min(valid.length - at, 1 + random.nextInt(8)));
                System.arraycopy(noise, 0, out, at, noise.length);
            }
            case 4 -> {
                int from = random.nextInt(valid.length);
                int to = from + random.nextInt(valid.length - from);
                out = concat(java.util.Arrays.copyOf(valid, to), java.util.Arrays.copyOfRange(valid, from, valid.length));
            }
            default -> out = noise(random.nextInt(2 * valid.length));
        }
        return out;
    }

    private byte[] noise(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }

    /** A parser under test. */
    @FunctionalInterface
    private interface Parser {
        Object parse(byte[] input) throws Exception;
    }
}
