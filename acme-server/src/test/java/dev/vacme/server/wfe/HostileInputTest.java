package dev.vacme.server.wfe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.vacme.common.jws.Base64Url;
import dev.vacme.common.jws.JwsSigner;
import dev.vacme.common.model.FinalizeRequest;
import dev.vacme.common.pki.CsrBuilder;
import dev.vacme.common.pki.KeyType;
import dev.vacme.server.testing.AcmeFlow;
import dev.vacme.server.testing.AcmeTestClient;
import dev.vacme.server.testing.Http01Responder;
import dev.vacme.server.testing.TestServer;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile clients against a running server: seeded mutations of signed requests (the JWS itself,
 * and well-signed JSON and CSR payloads), an oversized body and header, and thousands of idle
 * connections. Every answer is a problem document, never a 500 or a hang, and the server keeps
 * serving normal clients.
 */
class HostileInputTest {

    private static final long SEED = 20261130L;
    private static final int CASES = 150;
    private static final int IDLE_CONNECTIONS = 2000;

    @TempDir
    static Path dataDir;

    private static Http01Responder responder;
    private static TestServer server;
    private static AcmeTestClient client;

    private final Random random = new Random(SEED);

    @BeforeAll
    static void start() {
        responder = new Http01Responder();
        server = TestServer.start(dataDir, responder.port(),
                Map.of("max-connections", 4096, "max-connections-per-address", 4096));
        client = server.client();
    }

    @AfterAll
    static void stop() {
        server.close();
        responder.close();
    }

    @Test
    void mutatedJwsBodiesGetProblemDocuments() {
        KeyPair key = KeyType.EC_P256.generate();
        String url = client.directory().newAccount().toString();
        List<String> bad = new ArrayList<>();
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < CASES; i++) {
                byte[] valid = JwsSigner.signWithJwk(key, client.nonce(), url,
                        "{\"termsOfServiceAgreed\":true}".getBytes(StandardCharsets.UTF_8)).toJson()
                        .getBytes(StandardCharsets.UTF_8);
                check(client.postRaw(url, "application/jose+json",
                        new String(mutate(valid), StandardCharsets.ISO_8859_1)), bad);
            }
        });
        assertThat(bad).isEmpty();
    }

    @Test
    void wellSignedHostileJsonPayloadsGetProblemDocuments() {
        AcmeFlow flow = new AcmeFlow(client, responder, KeyType.EC_P256.generate()).register();
        String newOrder = client.directory().newOrder().toString();
        byte[] order = "{\"identifiers\":[{\"type\":\"dns\",\"value\":\"fuzz.test\"}]}".getBytes(StandardCharsets.UTF_8);
        List<String> bad = new ArrayList<>();
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < CASES; i++) {
                check(flow.post(newOrder, mutate(order)), bad);
            }
        });
        assertThat(bad).isEmpty();
    }

    @Test
    void wellSignedHostileCsrsGetProblemDocumentsAndIssueNothing() {
        AcmeFlow flow = new AcmeFlow(client, responder, KeyType.EC_P256.generate()).register();
        String orderUrl = flow.order("csr-fuzz.test");
        flow.authorize(orderUrl);
        String finalizeUrl = flow.fetchOrder(orderUrl).finalizeUrl().toString();
        byte[] csr = new CsrBuilder().dns(List.of("csr-fuzz.test")).build(KeyType.EC_P256.generate());
        List<String> bad = new ArrayList<>();
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < CASES; i++) {
                AcmeTestClient.Response response = flow.post(finalizeUrl, new FinalizeRequest(Base64Url.encode(mutate(csr))));
                check(response, bad);
                if (response.status() == 200) {
                    bad.add("a mutated CSR was accepted");
                }
            }
        });
        assertThat(bad).isEmpty();
        assertThat(flow.fetchOrder(orderUrl).status().wireName()).isEqualTo("ready");
    }

    @Test
    void aTenMegabyteBodyIs413AndTheServerServesOn() {
        String url = client.directory().newAccount().toString();

        AcmeTestClient.Response response = client.postRaw(url, "application/jose+json", "x".repeat(10 * 1024 * 1024));

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(response.problem().type()).isEqualTo("urn:ietf:params:acme:error:malformed");
        assertThat(client.get(server.directoryUrl()).status()).isEqualTo(200);
    }

    @Test
    void aHundredKilobyteHeaderIs431AndTheServerServesOn() {
        AcmeTestClient.Response response = client.getWithHeader(server.directoryUrl(), "X-Padding", "a".repeat(100 * 1024));

        assertThat(response.status()).isEqualTo(431);
        assertThat(client.get(server.directoryUrl()).status()).isEqualTo(200);
    }

    @Test
    void aClientIssuesWhileTwoThousandIdleConnectionsAreOpen() throws IOException {
        URI base = URI.create(server.baseUrl());
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < IDLE_CONNECTIONS; i++) {
                idle.add(new Socket(base.getHost(), base.getPort()));
            }

            String chain = new AcmeFlow(client, responder, KeyType.EC_P256.generate()).register().issue("idle.test");

            assertThat(chain).startsWith("-----BEGIN CERTIFICATE-----");
        } finally {
            for (Socket socket : idle) {
                socket.close();
            }
        }
    }

    /** Records a response that is a 5xx or an error without a problem document. */
    private static void check(AcmeTestClient.Response response, List<String> bad) {
        if (response.status() >= 500
                || response.status() >= 400 && !"application/problem+json".equals(response.header("Content-Type"))) {
            bad.add(response.status() + " " + response.body());
        }
    }

    /** One of: flipped bits, a truncation, inserted random bytes, overwritten bytes, or noise. */
    private byte[] mutate(byte[] valid) {
        byte[] out = valid.clone();
        switch (random.nextInt(5)) {
            case 0 -> {
                for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                    out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 1 -> out = Arrays.copyOf(valid, random.nextInt(valid.length));
            case 2 -> {
                int at = random.nextInt(valid.length);
                byte[] noise = noise(1 + random.nextInt(16));
                out = new byte[valid.length + noise.length];
                System.arraycopy(valid, 0, out, 0, at);
                System.arraycopy(noise, 0, out, at, noise.length);
                System.arraycopy(valid, at, out, at + noise.length, valid.length - at);
            }
            case 3 -> {
                int at = random.nextInt(valid.length);
                byte[] noise = noise(Math.min(valid.length - at, 1 + random.nextInt(8)));
                System.arraycopy(noise, 0, out, at, noise.length);
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
}
