package dev.vacme.server.wfe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.JWK;
import dev.vacme.common.jws.Base64Url;
import dev.vacme.common.jws.ExternalAccountBinding;
import dev.vacme.common.jws.Jwks;
import dev.vacme.common.model.Identifier;
import dev.vacme.common.model.NewAccountRequest;
import dev.vacme.common.model.NewOrderRequest;
import dev.vacme.common.pki.KeyType;
import dev.vacme.common.problem.Problem;
import dev.vacme.common.problem.ProblemType;
import dev.vacme.server.admin.EabCommands;
import dev.vacme.server.testing.AcmeFlow;
import dev.vacme.server.testing.AcmeTestClient;
import dev.vacme.server.testing.AcmeTestClient.Response;
import dev.vacme.server.testing.Http01Responder;
import dev.vacme.server.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * External account binding (RFC 8555 §7.3.4) on a server started with {@code require-eab}, with
 * keys minted by {@code vacme-server eab create} on the same data directory while it runs.
 */
class ExternalAccountBindingTest {

    @TempDir
    static Path dir;

    private static Http01Responder responder;
    private static TestServer server;
    private static AcmeTestClient client;
    private static EabCommands eab;

    @BeforeAll
    static void startServer() throws Exception {
        Path config = dir.resolve("vacme.yaml");
        Files.writeString(config, """
                require-eab: true
                profiles:
                  payments:
                    description: Client certificates for the payment services
                    validity: 10d
                    extended-key-usage: [clientAuth]
                    accounts: [payments-team]
                """);
        responder = new Http01Responder();
        server = TestServer.start(dir.resolve("data"), responder.port(), Map.of(), Optional.of(config));
        client = server.client();
        eab = new EabCommands("--data-dir", dir.resolve("data").toString());
    }

    @AfterAll
    static void stopServer() {
        server.close();
        responder.close();
    }

    @Test
    void theDirectorySaysABindingIsRequired() {
        assertThat(client.get(server.directoryUrl()).json().get("meta").get("externalAccountRequired").asBoolean())
                .isTrue();
    }

    @Test
    void aNewAccountWithoutBindingIsExternalAccountRequired() {
        Response response = newAccount(KeyType.EC_P256.generate(), null);

        assertProblem(response, ProblemType.EXTERNAL_ACCOUNT_REQUIRED, "this CA only accepts accounts with an "
                + "external account binding; ask its operator for a key id and HMAC key (e.g. certbot --eab-kid KID "
                + "--eab-hmac-key KEY)");
    }

    @Test
    void aValidBindingCreatesTheAccountAndUsesTheKeyUp() {
        JsonNode key = eab.create("--label", "web-team");
        KeyPair accountKey = KeyType.EC_P256.generate();

        Response created = newAccount(accountKey, binding(key, accountKey));
        Response again = newAccount(KeyType.EC_P256.generate(), binding(key, KeyType.EC_P256.generate()));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertProblem(again, ProblemType.UNAUTHORIZED, "external account key \"" + key.get("kid").asText()
                + "\" is already bound to an account; each key binds one account");
        JsonNode listed = eab.run("list", "--json").json();
        String accountId = created.location().substring(created.location().lastIndexOf('/') + 1);
        assertThat(listed.findValues("account")).extracting(JsonNode::asText).contains(accountId);
        assertThat(eab.run("list").out()).contains("bound to account " + accountId);
    }

    @Test
    void theExistingAccountOfAKeyIsReturnedWithoutUsingAnotherBinding() {
        JsonNode first = eab.create();
        JsonNode second = eab.create();
        KeyPair accountKey = KeyType.EC_P256.generate();
        newAccount(accountKey, binding(first, accountKey));

        Response existing = newAccount(accountKey, binding(second, accountKey));

        assertThat(existing.status()).isEqualTo(200);
        assertThat(eab.run("list").out()).contains(second.get("kid").asText() + " ");
        assertThat(newAccount(KeyType.EC_P256.generate(), null).status()).isEqualTo(401);
    }

    @Test
    void badBindingsAreRefusedWithAPreciseDetail() {
        JsonNode key = eab.create();
        String kid = key.get("kid").asText();
        KeyPair accountKey = KeyType.EC_P256.generate();
        JsonNode wrongMac = sign(kid, new byte[32], accountKey, newAccountUrl());
        JsonNode unknownKid = sign("no-such-kid", hmacKey(key), accountKey, newAccountUrl());
        JsonNode otherKey = binding(key, KeyType.EC_P256.generate());
        JsonNode otherUrl = sign(kid, hmacKey(key), accountKey, server.baseUrl() + "/elsewhere");

        assertProblem(newAccount(accountKey, wrongMac), ProblemType.UNAUTHORIZED,
                "the external account binding's MAC does not verify");
        assertProblem(newAccount(accountKey, unknownKid), ProblemType.UNAUTHORIZED,
                "unknown external account key id \"no-such-kid\"");
        assertProblem(newAccount(accountKey, otherKey), ProblemType.UNAUTHORIZED,
                "the external account binding is for a different account key");
        assertProblem(newAccount(accountKey, otherUrl), ProblemType.UNAUTHORIZED,
                "the external account binding's 'url' differs from the request URL");
        assertThat(eab.run("list").out()).as("failed bindings leave the key unused").contains(kid + " ");
    }

    @Test
    void aRevokedKeyBindsNoAccount() {
        JsonNode key = eab.create();
        eab.run("revoke", key.get("kid").asText());
        KeyPair accountKey = KeyType.EC_P256.generate();

        assertProblem(newAccount(accountKey, binding(key, accountKey)), ProblemType.UNAUTHORIZED,
                "external account key \"" + key.get("kid").asText() + "\" has been revoked");
    }

    @Test
    void aProfileRestrictedToALabelServesOnlyAccountsBoundWithThatLabel() {
        KeyPair paymentsKey = KeyType.EC_P256.generate();
        AcmeFlow payments = new AcmeFlow(client, responder, paymentsKey)
                .register(binding(eab.create("--label", "payments-team"), paymentsKey));
        KeyPair otherKey = KeyType.EC_P256.generate();
        AcmeFlow other = new AcmeFlow(client, responder, otherKey)
                .register(binding(eab.create("--label", "web-team"), otherKey));
        NewOrderRequest order = new NewOrderRequest(List.of(Identifier.dns("pay.test")), null, null, "payments", null);

        Response allowed = payments.post(client.directory().newOrder().toString(), order);
        Response refused = other.post(client.directory().newOrder().toString(), order);

        assertThat(allowed.status()).as(allowed.body()).isEqualTo(201);
        assertProblem(refused, ProblemType.INVALID_PROFILE,
                "this account may not use profile \"payments\"; ask the CA's operator");
    }

    private static Response newAccount(KeyPair accountKey, JsonNode binding) {
        return client.postWithJwk(newAccountUrl(), accountKey,
                new NewAccountRequest(List.of("mailto:ops@example.com"), true, null, binding));
    }

    private static String newAccountUrl() {
        return client.directory().newAccount().toString();
    }

    private static JsonNode binding(JsonNode key, KeyPair accountKey) {
        return sign(key.get("kid").asText(), hmacKey(key), accountKey, newAccountUrl());
    }

    private static byte[] hmacKey(JsonNode key) {
        return Base64Url.decode(key.get("hmacKey").asText());
    }

    private static JsonNode sign(String kid, byte[] hmacKey, KeyPair accountKey, String url) {
        JWK jwk = Jwks.fromPublicKey(accountKey.getPublic());
        return ExternalAccountBinding.sign(kid, hmacKey, jwk, url).toJsonNode();
    }

    private static void assertProblem(Response response, ProblemType type, String detail) {
        Problem problem = response.problem();
        assertThat(response.status()).as(response.body()).isEqualTo(type.defaultStatus());
        assertThat(problem.kind()).isEqualTo(type);
        assertThat(problem.detail()).isEqualTo(detail);
    }
}
