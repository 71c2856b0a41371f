package dev.vacme.server.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWK;
import dev.vacme.common.jws.FlattenedJws;
import dev.vacme.common.jws.JwsException;
import dev.vacme.common.jws.JwsSigner;
import dev.vacme.common.jws.VerificationKey;
import dev.vacme.common.model.Identifier;
import dev.vacme.common.pki.Csr;
import dev.vacme.common.pki.CsrBuilder;
import dev.vacme.common.pki.KeyType;
import dev.vacme.server.ca.CaKeys;
import dev.vacme.server.ca.CertificateProfiles;
import dev.vacme.server.ca.IssuanceRequest;
import dev.vacme.server.ca.PemSigningKeySource;
import dev.vacme.server.ca.Profiles;
import dev.vacme.server.ca.SigningKeySource;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a test: the public-key operations the server does for one issuance of the load
 * generator (a new P-256 account, its order, HTTP-01, finalize with a fresh P-256 key, download),
 * each timed alone on one thread after the JIT has compiled it, through the server's own code
 * paths. Their sum is the CPU an issuance costs before any HTTP, TLS, JSON or SQL work: the floor
 * under the server's CPU per certificate on this machine. Results go to
 * {@code target/bench-crypto.txt}.
 */
class CryptoFloorBenchmark {

    private static final int ROUNDS = Integer.getInteger("bench.cryptoRounds", 2000);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] PAYLOAD = "{\"identifiers\":[{\"type\":\"dns\",\"value\":\"a.bench.test\"}]}"
            .getBytes(StandardCharsets.UTF_8);
    private static final String URL = "https://ca.bench.test/acme/new-order";

    /** One kind of operation: what it is, how often an issuance does it, and what it costs. */
    private record Operation(String name, int perIssuance, double micros) {

        double millisPerIssuance() {
            return perIssuance * micros / 1000;
        }
    }

    @Test
    void publicKeyWorkOfOneIssuance() throws Exception {
        List<KeyPair> accountKeys = keys(ROUNDS);
        List<FlattenedJws> withJwk = new ArrayList<>();
        List<FlattenedJws> withKid = new ArrayList<>();
        List<JWK> jwks = new ArrayList<>();
        for (KeyPair keys : accountKeys) {
            withJwk.add(JwsSigner.signWithJwk(keys, "nonce", URL, PAYLOAD));
            withKid.add(JwsSigner.signWithKid(keys, "https://ca.bench.test/acme/acct/1", "nonce", URL, PAYLOAD));
            jwks.add(JwsSigner.publicJwk(keys));
        }
        List<VerificationKey> prepared = new ArrayList<>();
        for (JWK jwk : jwks) {
            prepared.add(VerificationKey.forRepeatedUse(jwk));
        }
        List<byte[]> csrs = new ArrayList<>();
        for (KeyPair keys : keys(ROUNDS)) {
            csrs.add(new CsrBuilder().dns(List.of("a.bench.test")).build(keys));
        }
        SigningKeySource issuer = issuer();
        List<IssuanceRequest> requests = new ArrayList<>();
        for (KeyPair keys : keys(ROUNDS)) {
            requests.add(IssuanceRequest.at(Instant.now(), new BigInteger(64, RANDOM).setBit(64), keys.getPublic(),
                    List.of(Identifier.dns("a.bench.test")), Profiles.defaults(Duration.ofDays(90)).defaultProfile()));
        }

        List<Operation> operations = List.of(
                new Operation("JWS with a new account's jwk (newAccount): key parsed, verified", 1,
                        micros(i -> verify(withJwk.get(i), uncheckedKey(jwks.get(i))))),
                new Operation("account key prepared for repeated use (first kid request)", 1,
                        micros(i -> uncheckedPrepared(jwks.get(i)))),
                new Operation("JWS with a known account's kid, prepared key", 9,
                        micros(i -> verify(withKid.get(i), prepared.get(i)))),
                new Operation("CSR parsed, signature checked (fresh key)", 1,
                        micros(i -> assertThat(Csr.parse(csrs.get(i)).isSignatureValid()).isTrue())),
                new Operation("certificate built and signed (P-256 issuer)", 1,
                        micros(i -> CertificateProfiles.endEntity(requests.get(i), issuer))));

        List<String> report = new ArrayList<>();
        report.add(String.format("%-68s %6s %12s %12s", "operation (one thread, after JIT warm-up, " + ROUNDS
                + " rounds)", "count", "us each", "ms/issuance"));
        double total = 0;
        for (Operation operation : operations) {
            report.add(String.format("%-68s %6d %12.1f %12.3f", operation.name(), operation.perIssuance(),
                    operation.micros(), operation.millisPerIssuance()));
            total += operation.millisPerIssuance();
        }
        report.add(String.format("%-68s %6s %12s %12.3f", "public-key work of one issuance", "", "", total));
        List<VerificationKey> cachedOnly = new ArrayList<>();
        for (JWK jwk : jwks) {
            cachedOnly.add(uncheckedKey(jwk));
        }
        report.add(String.format("%-68s %6s %12.1f", "for comparison: kid JWS, key cached but not prepared", "",
                micros(i -> verify(withKid.get(i), cachedOnly.get(i)))));
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target", "bench-crypto.txt"), report);
    }

    /** Runs {@code operation} over every input once to warm the JIT, then again timed; microseconds each. */
    private static double micros(IntConsumer operation) {
        for (int i = 0; i < ROUNDS; i++) {
            operation.accept(i);
        }
        long start = System.nanoTime();
        for (int i = 0; i < ROUNDS; i++) {
            operation.accept(i);
        }
        return (System.nanoTime() - start) / 1000.0 / ROUNDS;
    }

    private static List<KeyPair> keys(int count) {
        List<KeyPair> keys = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            keys.add(KeyType.EC_P256.generate(RANDOM));
        }
        return keys;
    }

    private static void verify(FlattenedJws jws, VerificationKey key) {
        try {
            jws.verify(key);
        } catch (JwsException e) {
            throw new AssertionError("a good signature was refused", e);
        }
    }

    private static VerificationKey uncheckedKey(JWK jwk) {
        try {
            return VerificationKey.of(jwk);
        } catch (JwsException e) {
            throw new AssertionError(e);
        }
    }

    private static void uncheckedPrepared(JWK jwk) {
        try {
            VerificationKey.forRepeatedUse(jwk);
        } catch (JwsException e) {
            throw new AssertionError(e);
        }
    }

    private static SigningKeySource issuer() throws IOException {
        KeyPair keys = KeyType.EC_P256.generate(RANDOM);
        Instant now = Instant.now();
        X509Certificate certificate = CertificateProfiles.root(keys, "Bench issuer", BigInteger.ONE, now,
                now.plus(Duration.ofDays(1)));
        return new PemSigningKeySource(new CaKeys(certificate, certificate, keys), Path.of("intermediate.key"));
    }
}
