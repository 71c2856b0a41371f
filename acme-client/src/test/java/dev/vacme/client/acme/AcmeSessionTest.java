package dev.vacme.client.acme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vacme.client.testing.ScriptedTransport;
import dev.vacme.common.json.AcmeJson;
import dev.vacme.common.jws.FlattenedJws;
import dev.vacme.common.jws.JwsException;
import dev.vacme.common.pki.KeyType;
import dev.vacme.common.problem.ProblemType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AcmeSessionTest {

    private static final URI DIRECTORY = URI.create("https://ca.test/dir");
    private static final URI ACCOUNT = URI.create("https://ca.test/acct/1");
    private static final String DIRECTORY_JSON = """
            {"newNonce":"https://ca.test/nonce","newAccount":"https://ca.test/new-acct",
             "newOrder":"https://ca.test/new-order","revokeCert":"https://ca.test/revoke"}""";
    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
    private static final KeyPair KEYS = KeyType.EC_P256.generate();

    private ScriptedTransport transport;
    private AcmeSession session;
    private RequestSigner signer;

    @BeforeEach
    void setUp() {
        transport = new ScriptedTransport();
        session = new AcmeSession(DIRECTORY, transport, Clock.fixed(NOW, ZoneOffset.UTC));
        signer = RequestSigner.withKid(KEYS, ACCOUNT);
    }

    @Test
    void fetchesDirectoryOnceAndNonceOnlyWhenThePoolIsEmpty() {
        transport.thenJson(200, "application/json", DIRECTORY_JSON)
                .thenJson(200, null, null, "Replay-Nonce", "nonce1")
                .thenJson(200, "application/json", "{}", "Replay-Nonce", "nonce2")
                .thenJson(200, "application/json", "{}", "Replay-Nonce", "nonce3");

        session.postAsGet(ACCOUNT, signer);
        session.postAsGet(ACCOUNT, signer);
        session.directory();

        assertThat(transport.requests()).extracting(r -> r.method() + " " + r.uri()).containsExactly(
                "GET https://ca.test/dir",
                "HEAD https://ca.test/nonce",
                "POST https://ca.test/acct/1",
                "POST https://ca.test/acct/1");
        assertThat(nonceOf(transport.requests().get(2).body())).isEqualTo("nonce1");
        assertThat(nonceOf(transport.requests().get(3).body())).isEqualTo("nonce2");
    }

    @Test
    void retriesBadNonceWithTheNonceOfTheErrorResponse() {
        transport.thenJson(200, "application/json", DIRECTORY_JSON)
                .thenJson(200, null, null, "Replay-Nonce", "stale")
                .thenJson(400, "application/problem+json",
                        "{\"type\":\"urn:ietf:params:acme:error:badNonce\",\"detail\":\"bad\"}",
                        "Replay-Nonce", "fresh")
                .thenJson(200, "application/json", "{\"status\":\"valid\"}", "Replay-Nonce", "next");

        AcmeResponse response = session.postAsGet(ACCOUNT, signer);

        assertThat(response.status()).isEqualTo(200);
        assertThat(nonceOf(transport.requests().get(2).body())).isEqualTo("stale");
        assertThat(nonceOf(transport.requests().get(3).body())).isEqualTo("fresh");
    }

    @Test
    void givesUpAfterTooManyBadNonces() {
        transport.thenJson(200, "application/json", DIRECTORY_JSON)
                .thenJson(200, null, null, "Replay-Nonce", "n0");
        for (int i = 0; i <= AcmeSession.MAX_BAD_NONCE_RETRIES; i++) {
            transport.thenJson(400, "application/problem+json",
                    "{\"type\":\"urn:ietf:params:acme:error:badNonce\",\"detail\":\"no\"}", "Replay-Nonce", "n" + (i + 1));
        }

        assertThatThrownBy(() -> session.postAsGet(ACCOUNT, signer))
                .isInstanceOfSatisfying(AcmeProblemException.class,
                        e -> assertThat(e.type()).isEqualTo(ProblemType.BAD_NONCE));
        assertThat(transport.remaining()).isZero();
    }

    @ParameterizedTest(name = "[{index}] HTTP {0} {1}")
    @CsvSource(delimiter = '|', nullValues = "none", value = {
        "429 | application/problem+json | {\"type\":\"urn:ietf:params:acme:error:rateLimited\",\"detail\":\"too many\"} | 60   | RateLimitedException    | rateLimited: too many (retry after 2025-03-01T12:01:00Z)",
        "403 | application/problem+json | {\"type\":\"urn:ietf:params:acme:error:unauthorized\",\"detail\":\"no\"}      | none | AcmeProblemException    | unauthorized: no",
        "400 | application/problem+json | {\"type\":\"urn:example:custom\",\"detail\":\"odd\"}                          | none | AcmeProblemException    | urn:example:custom: odd",
        "500 | text/html                | <h1>Bad gateway</h1>                                                          | none | AcmeProtocolException   | HTTP 500 from POST https://ca.test/acct/1: <h1>Bad gateway</h1>",
        "404 | none                     | none                                                                          | none | AcmeProtocolException   | HTTP 404 from POST https://ca.test/acct/1",
    })
    void turnsErrorsIntoTypedExceptions(int status, String contentType, String body, String retryAfter,
            String exception, String message) {
        transport.thenJson(200, "application/json", DIRECTORY_JSON)
                .thenJson(200, null, null, "Replay-Nonce", "n1");
        if (retryAfter == null) {
            transport.thenJson(status, contentType, body, "Replay-Nonce", "n2");
        } else {
            transport.thenJson(status, contentType, body, "Replay-Nonce", "n2", "Retry-After", retryAfter);
        }

        assertThatThrownBy(() -> session.postAsGet(ACCOUNT, signer))
                .satisfies(e -> assertThat(e.getClass().getSimpleName()).isEqualTo(exception))
                .hasMessage(message);
    }

    @Test
    void rateLimitNamesTheServersHelpPages() {
        transport.thenJson(200, "application/json", DIRECTORY_JSON)
                .thenJson(200, null, null, "Replay-Nonce", "n1")
                .thenJson(429, "application/problem+json",
                        "{\"type\":\"urn:ietf:params:acme:error:rateLimited\",\"detail\":\"too many new orders\"}",
                        "Replay-Nonce", "n2", "Retry-After", "3600",
                        "Link", "<https://ca.test/docs/rate-limits>;rel=\"help\", <https://ca.test/dir>;rel=\"index\"");

        assertThatThrownBy(() -> session.postAsGet(ACCOUNT, signer))
                .isInstanceOfSatisfying(RateLimitedException.class, e -> assertThat(e.help())
                        .containsExactly(URI.create("https://ca.test/docs/rate-limits")))
                .hasMessage("rateLimited: too many new orders (retry after 2025-03-01T13:00:00Z);"
                        + " see https://ca.test/docs/rate-limits");
    }

    @Test
    void rateLimitCarriesRetryTimeAndProblemKeepsSubproblems() {
        transport.thenJson(200, "application/json", DIRECTORY_JSON)
                .thenJson(200, null, null, "Replay-Nonce", "n1")
                .thenJson(400, "application/problem+json", """
                        {"type":"urn:ietf:params:acme:error:rejectedIdentifier","detail":"2 names refused",
                         "subproblems":[{"type":"urn:ietf:params:acme:error:rejectedIdentifier","detail":"blocked",
                                         "identifier":{"type":"dns","value":"bad.test"}}]}""");

        assertThatThrownBy(() -> session.postAsGet(ACCOUNT, signer))
                .isInstanceOfSatisfying(AcmeProblemException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(400);
                    assertThat(e.problem().subproblems()).hasSize(1);
                })
                .hasMessage("rejectedIdentifier: 2 names refused\n  - rejectedIdentifier for bad.test: blocked");
    }

    @Test
    void refusesADirectoryWithoutTheRequiredResources() {
        transport.thenJson(200, "application/json", "{\"newNonce\":\"https://ca.test/nonce\"}");

        assertThatThrownBy(session::directory).isInstanceOf(AcmeProtocolException.class)
                .hasMessage("https://ca.test/dir is not an ACME directory (no newAccount/newOrder)");
    }

    @Test
    void signsWithJwkOrKidAsAsked() {
        transport.thenJson(200, "application/json", DIRECTORY_JSON)
                .thenJson(200, null, null, "Replay-Nonce", "n1")
                .thenJson(201, "application/json", "{}", "Replay-Nonce", "n2")
                .thenJson(200, "application/json", "{}", "Replay-Nonce", "n3");

        session.post(URI.create("https://ca.test/new-acct"), "{}".getBytes(StandardCharsets.UTF_8),
                RequestSigner.withJwk(KEYS), "application/json");
        session.postAsGet(ACCOUNT, signer);

        List<AcmeRequest> posts = transport.requests().subList(2, 4);
        assertThat(header(posts.get(0).body()).has("jwk")).isTrue();
        assertThat(header(posts.get(0).body()).has("kid")).isFalse();
        assertThat(header(posts.get(1).body()).get("kid").asText()).isEqualTo(ACCOUNT.toString());
        assertThat(header(posts.get(1).body()).get("url").asText()).isEqualTo(ACCOUNT.toString());
        assertThat(posts.get(1).contentType()).isEqualTo("application/jose+json");
    }

    private static String nonceOf(byte[] body) {
        return header(body).get("nonce").asText();
    }

    private static JsonNode header(byte[] body) {
        try {
            return FlattenedJws.parse(AcmeJson.readTree(body)).header();
        } catch (JwsException e) {
            throw new AssertionError(e);
        }
    }
}
