package dev.vacme.server.wfe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.common.jws.Base64Url;
import dev.vacme.common.jws.FlattenedJws;
import dev.vacme.common.jws.Jwks;
import dev.vacme.common.jws.JwsSigner;
import dev.vacme.common.model.AccountUpdateRequest;
import dev.vacme.common.model.AccountStatus;
import dev.vacme.common.model.NewAccountRequest;
import dev.vacme.common.model.NewOrderRequest;
import dev.vacme.common.model.Identifier;
import dev.vacme.common.pki.KeyType;
import dev.vacme.common.problem.Problem;
import dev.vacme.server.testing.AcmeFlow;
import dev.vacme.server.testing.AcmeTestClient;
import dev.vacme.server.testing.AcmeTestClient.Response;
import dev.vacme.server.testing.Http01Responder;
import dev.vacme.server.testing.TestServer;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Request authentication (RFC 8555 §6.2–§6.5): every bad request gets its exact problem document. */
class RequestAuthenticationTest {

    @TempDir
    static Path dataDir;

    private static Http01Responder responder;
    private static TestServer server;
    private static AcmeTestClient client;
    private static AcmeFlow account;

    @BeforeAll
    static void start() {
        responder = new Http01Responder();
        server = TestServer.start(dataDir, responder.port());
        client = server.client();
        account = new AcmeFlow(client, responder, KeyType.EC_P256.generate()).register();
    }

    @AfterAll
    static void stop() {
        server.close();
        responder.close();
    }

    /** One bad request: how to send it, and the problem it must get. */
    record Case(String name, Function<AcmeTestClient, Response> send, int status, String type, String detail) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> badRequests() {
        return Stream.of(
                new Case("wrong content type", c -> c.postRaw(newOrder(), "application/json",
                        signedByAccount(newOrder(), c.nonce(), orderPayload()).toJson()),
                        415, "malformed", "the Content-Type must be application/jose+json"),
                new Case("body is not JSON", c -> c.postRaw(newOrder(), "application/jose+json", "hello"),
                        400, "malformed", "request body is not valid JSON"),
                new Case("general serialization", c -> c.postRaw(newOrder(), "application/jose+json",
                        "{\"payload\":\"\",\"signatures\":[]}"),
                        400, "malformed", "the general JWS serialization is not allowed"),
                new Case("unprotected header", c -> c.postRaw(newOrder(), "application/jose+json",
                        withMember(signedByAccount(newOrder(), c.nonce(), orderPayload()), "header")),
                        400, "malformed", "unprotected JWS header parameters are not allowed"),
                new Case("missing nonce", c -> c.postJws(newOrder(), sign(account.accountKey(),
                        header("ES256", "kid", account.kid(), null, newOrder()), orderPayload())),
                        400, "badNonce", "the JWS header has no \"nonce\""),
                new Case("reused nonce", RequestAuthenticationTest::reusedNonce,
                        400, "badNonce", "the nonce has already been used"),
                new Case("forged nonce", c -> c.postJws(newOrder(), signedByAccount(newOrder(),
                        Base64Url.encode(new byte[40]), orderPayload())),
                        400, "badNonce", "the nonce was not issued by this server"),
                new Case("nonce that is not base64url", c -> c.postJws(newOrder(), signedByAccount(newOrder(),
                        "not*base64", orderPayload())),
                        400, "badNonce", "the nonce is not base64url"),
                new Case("alg none", c -> c.postJws(newOrder(), sign(account.accountKey(),
                        header("none", "kid", account.kid(), c.nonce(), newOrder()), orderPayload())),
                        400, "badSignatureAlgorithm", "JWS algorithm \"none\" is not supported"),
                new Case("alg HS256", c -> c.postJws(newOrder(), sign(account.accountKey(),
                        header("HS256", "kid", account.kid(), c.nonce(), newOrder()), orderPayload())),
                        400, "badSignatureAlgorithm", "JWS algorithm \"HS256\" is not supported"),
                new Case("ES384 with a P-256 key", c -> c.postJws(newOrder(), sign(account.accountKey(),
                        header("ES384", "kid", account.kid(), c.nonce(), newOrder()), orderPayload())),
                        400, "badSignatureAlgorithm", "JWS algorithm ES384 does not fit"),
                new Case("url of another resource", c -> c.postJws(newOrder(),
                        signedByAccount(server.baseUrl() + "/acme/revoke-cert", c.nonce(), orderPayload())),
                        403, "unauthorized", "is not the request URL"),
                new Case("both jwk and kid", c -> c.postJws(newOrder(), sign(account.accountKey(),
                        withJwk(header("ES256", "kid", account.kid(), c.nonce(), newOrder()), account.accountKey()),
                        orderPayload())),
                        400, "malformed", "either \"jwk\" or \"kid\", not both"),
                new Case("kid on newAccount", c -> c.postJws(newAccount(), JwsSigner.signWithKid(account.accountKey(),
                        account.kid(), c.nonce(), newAccount(), AcmeTestClient.bytes(accountPayload()))),
                        400, "malformed", "newAccount needs \"jwk\""),
                new Case("jwk on newOrder", c -> c.postJws(newOrder(), JwsSigner.signWithJwk(account.accountKey(),
                        c.nonce(), newOrder(), AcmeTestClient.bytes(orderPayload()))),
                        400, "malformed", "this resource needs \"kid\""),
                new Case("unknown kid", c -> c.postJws(newOrder(), JwsSigner.signWithKid(account.accountKey(),
                        server.baseUrl() + "/acme/acct/nobody", c.nonce(), newOrder(),
                        AcmeTestClient.bytes(orderPayload()))),
                        400, "accountDoesNotExist", "no account exists at"),
                new Case("kid of another server", c -> c.postJws(newOrder(), JwsSigner.signWithKid(account.accountKey(),
                        "https://elsewhere.example/acct/1", c.nonce(), newOrder(), AcmeTestClient.bytes(orderPayload()))),
                        400, "accountDoesNotExist", "no account exists at https://elsewhere.example/acct/1"),
                new Case("signature by another key", c -> c.postJws(newOrder(), JwsSigner.signWithKid(
                        KeyType.EC_P256.generate(), account.kid(), c.nonce(), newOrder(),
                        AcmeTestClient.bytes(orderPayload()))),
                        400, "malformed", "the JWS signature does not verify with the account's key"),
                new Case("RSA-1024 account key", c -> c.postJws(newAccount(), signedWithWeakRsa(c.nonce())),
                        400, "badPublicKey", "RSA keys must be 2048, 3072 or 4096 bits"),
                new Case("POST-as-GET with a payload", c -> c.postWithKid(account.kid() + "/orders",
                        account.accountKey(), account.kid(), Map.of()),
                        400, "malformed", "fetching this resource needs POST-as-GET"),
                new Case("payload that is not JSON", c -> c.postWithKid(newOrder(), account.accountKey(),
                        account.kid(), "not json".getBytes()),
                        400, "malformed", "the payload is invalid NewOrderRequest"),
                new Case("GET on the account URL", c -> c.get(account.kid()),
                        405, "malformed", "GET is not allowed on"),
                new Case("unknown resource", c -> c.get(server.baseUrl() + "/acme/nothing"),
                        404, "malformed", "no ACME resource at /acme/nothing"),
                new Case("another account's URL", c -> c.postWithKid(
                        new AcmeFlow(c, responder, KeyType.EC_P256.generate()).register().kid(),
                        account.accountKey(), account.kid(), null),
                        403, "unauthorized", "signed by another account than the one in the URL"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void badRequestsGetTheirProblemDocument(Case bad) {
        Response response = bad.send().apply(client);

        assertThat(response.status()).as(response.body()).isEqualTo(bad.status());
        assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
        Problem problem = response.problem();
        assertThat(problem.type()).isEqualTo("urn:ietf:params:acme:error:" + bad.type());
        assertThat(problem.status()).isEqualTo(bad.status());
        assertThat(problem.detail()).contains(bad.detail());
        assertThat(response.header("Replay-Nonce")).as("a fresh nonce on every error").isNotBlank();
        assertThat(response.headerValues("Link")).contains("<" + server.directoryUrl() + ">;rel=\"index\"");
        if (bad.type().equals("badSignatureAlgorithm")) {
            assertThat(problem.algorithms()).containsExactly("ES256", "ES384", "ES512", "RS256", "EdDSA");
        }
    }

    @Test
    void theFreshNonceOfABadNonceErrorWorks() {
        Response rejected = client.postJws(newOrder(), signedByAccount(newOrder(), "bogus", orderPayload()));
        String fresh = rejected.header("Replay-Nonce");

        Response retried = client.postJws(newOrder(), signedByAccount(newOrder(), fresh, orderPayload()));

        assertThat(rejected.status()).isEqualTo(400);
        assertThat(retried.status()).as(retried.body()).isEqualTo(201);
    }

    @Test
    void aDeactivatedAccountCanDoNothingMore() {
        AcmeFlow gone = new AcmeFlow(client, responder, KeyType.EC_P256.generate()).register();
        Response deactivated = gone.post(gone.kid(), new AccountUpdateRequest(null, AccountStatus.DEACTIVATED, null));
        assertThat(deactivated.status()).isEqualTo(200);
        assertThat(deactivated.json().get("status").asText()).isEqualTo("deactivated");

        Response refused = gone.post(newOrder(), orderPayload());

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.problem().type()).isEqualTo("urn:ietf:params:acme:error:unauthorized");
        assertThat(refused.problem().detail()).isEqualTo("the account is deactivated");
    }

    @Test
    void newNonceAnswersHeadAndGetWithoutCaching() {
        Response get = client.get(client.directory().newNonce().toString());

        assertThat(get.status()).isEqualTo(204);
        assertThat(get.header("Cache-Control")).isEqualTo("no-store");
        assertThat(get.header("Replay-Nonce")).isNotBlank();
        assertThat(client.nonce()).isNotBlank().isNotEqualTo(get.header("Replay-Nonce"));
    }

    private static Response reusedNonce(AcmeTestClient c) {
        String nonce = c.nonce();
        Response first = c.postJws(newOrder(), signedByAccount(newOrder(), nonce, orderPayload()));
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        return c.postJws(newOrder(), signedByAccount(newOrder(), nonce, orderPayload()));
    }

    private static String newOrder() {
        return client.directory().newOrder().toString();
    }

    private static String newAccount() {
        return client.directory().newAccount().toString();
    }

    private static NewOrderRequest orderPayload() {
        return new NewOrderRequest(List.of(Identifier.dns("auth.test")), null, null, null, null);
    }

    private static NewAccountRequest accountPayload() {
        return new NewAccountRequest(null, true, null, null);
    }

    private static FlattenedJws signedByAccount(String url, String nonce, Object payload) {
        return JwsSigner.signWithKid(account.accountKey(), account.kid(), nonce, url, AcmeTestClient.bytes(payload));
    }

    private static Map<String, Object> header(String alg, String keyField, Object keyValue, String nonce, String url) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", alg);
        header.put(keyField, keyValue);
        if (nonce != null) {
            header.put("nonce", nonce);
        }
        header.put("url", url);
        return header;
    }

    private static Map<String, Object> withJwk(Map<String, Object> header, KeyPair key) {
        header.put("jwk", Jwks.fromPublicKey(key.getPublic()).toJSONObject());
        return header;
    }

    private static FlattenedJws sign(KeyPair key, Map<String, Object> header, Object payload) {
        return JwsSigner.signHeader(key, header, AcmeTestClient.bytes(payload));
    }

    private static String withMember(FlattenedJws jws, String member) {
        var node = jws.toJsonNode();
        node.putObject(member).put("kid", "x");
        return node.toString();
    }

    /** A newAccount JWS by an RSA-1024 key, signed with the JDK since nimbus refuses such keys. */
    private static FlattenedJws signedWithWeakRsa(String nonce) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(1024);
            KeyPair key = generator.generateKeyPair();
            Map<String, Object> header = withJwk(header("RS256", "nonce", nonce, null, newAccount()), key);
            String protectedPart = Base64Url.encode(dev.vacme.common.json.AcmeJson.writeBytes(header));
            String payloadPart = Base64Url.encode(AcmeTestClient.bytes(accountPayload()));
            java.security.Signature signature = java.security.Signature.getInstance("SHA256withRSA");
            signature.initSign(key.getPrivate());
            signature.update((protectedPart + "." + payloadPart).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            var node = dev.vacme.common.json.AcmeJson.objectNode();
            node.put("protected", protectedPart).put("payload", payloadPart)
                    .put("signature", Base64Url.encode(signature.sign()));
            return FlattenedJws.parse(node);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
