package dev.vacme.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vacme.common.json.AcmeJson;
import dev.vacme.common.jws.Base64Url;
import dev.vacme.common.jws.FlattenedJws;
import dev.vacme.common.jws.Jwks;
import dev.vacme.common.jws.JwsSigner;
import dev.vacme.common.model.AccountStatus;
import dev.vacme.common.model.AccountUpdateRequest;
import dev.vacme.common.model.Authorization;
import dev.vacme.common.model.Challenge;
import dev.vacme.common.model.FinalizeRequest;
import dev.vacme.common.model.KeyChangeRequest;
import dev.vacme.common.model.Order;
import dev.vacme.common.model.RevocationRequest;
import dev.vacme.common.pki.CsrBuilder;
import dev.vacme.common.pki.KeyType;
import dev.vacme.common.pki.Pem;
import dev.vacme.server.testing.AcmeFlow;
import dev.vacme.server.testing.AcmeTestClient;
import dev.vacme.server.testing.AcmeTestClient.Response;
import dev.vacme.server.testing.Http01Responder;
import dev.vacme.server.testing.Poll;
import dev.vacme.server.testing.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --audit-log}: every security event is one JSON line, with who did what to which
 * identifiers, certificates and keys, and no secret, key, token or nonce.
 */
class AuditLogTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static Path auditLog;
    private static Http01Responder responder;
    private static TestServer server;
    private static AcmeTestClient client;

    @BeforeAll
    static void startServer() {
        auditLog = dir.resolve("audit.log");
        responder = new Http01Responder();
        server = TestServer.start(dir.resolve("data"), responder.port(), Map.of("audit-log", auditLog.toString()));
        client = server.client();
    }

    @AfterAll
    static void stopServer() {
        server.close();
        responder.close();
    }

    @Test
    void theFileIsCreatedForOwnerAndGroupOnly() throws IOException {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(auditLog))).isEqualTo("rw-r-----");
    }

    @Test
    void accountLifeIsRecordedFromCreationToDeactivation() {
        AcmeFlow account = new AcmeFlow(client, responder, KeyType.EC_P256.generate()).register();
        String id = id(account.kid());
        String oldThumbprint = Jwks.thumbprint(Jwks.fromPublicKey(account.accountKey().getPublic()));
        KeyPair newKey = KeyType.EC_P256.generate();

        assertThat(account.post(account.kid(), new AccountUpdateRequest(List.of("mailto:new@example.com"), null, null))
                .status()).isEqualTo(200);
        Response changed = client.postWithKid(client.directory().keyChange().toString(), account.accountKey(),
                account.kid(), keyChange(account, newKey).toJson());
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        Response deactivated = client.postWithKid(account.kid(), newKey, account.kid(),
                new AccountUpdateRequest(null, AccountStatus.DEACTIVATED, null));
        assertThat(deactivated.status()).as(deactivated.body()).isEqualTo(200);

        List<JsonNode> events = eventsOf(id, 4);
        assertThat(events).extracting(event -> event.get("event").asText())
                .containsExactly("account-created", "account-updated", "account-key-changed", "account-deactivated");
        assertThat(events.get(0).get("keyThumbprint").asText()).isEqualTo(oldThumbprint);
        assertThat(events.get(0).get("contact").toString()).isEqualTo("[\"mailto:admin@example.com\"]");
        assertThat(events.get(1).get("contact").toString()).isEqualTo("[\"mailto:new@example.com\"]");
        assertThat(events.get(2).get("oldKeyThumbprint").asText()).isEqualTo(oldThumbprint);
        assertThat(events.get(2).get("newKeyThumbprint").asText())
                .isEqualTo(Jwks.thumbprint(Jwks.fromPublicKey(newKey.getPublic())));
        assertThat(events).allSatisfy(event -> assertThat(event.get("time").asText()).matches("\\d{4}-.*Z"));
    }

    @Test
    void anIssuanceRecordsTheOrderEachValidationWithItsAddressesAndTheSerial() throws Exception {
        AcmeFlow account = new AcmeFlow(client, responder, KeyType.EC_P256.generate()).register();
        String id = id(account.kid());

        X509Certificate leaf = Pem.readCertificate(account.issue("audited.test"));

        List<JsonNode> events = eventsOf(id, 4);
        assertThat(events).extracting(event -> event.get("event").asText())
                .containsExactly("account-created", "order-created", "validation", "certificate-issued");
        assertThat(events.get(1).get("identifiers").toString()).isEqualTo("[\"dns:audited.test\"]");
        JsonNode validation = events.get(2);
        assertThat(validation.get("type").asText()).isEqualTo("http-01");
        assertThat(validation.get("identifier").asText()).isEqualTo("dns:audited.test");
        assertThat(validation.get("addresses").toString()).isEqualTo("[\"127.0.0.1\"]");
        assertThat(validation.get("outcome").asText()).isEqualTo("valid");
        assertThat(validation.has("problem")).isFalse();
        JsonNode issued = events.get(3);
        assertThat(new BigInteger(issued.get("serial").asText(), 16)).isEqualTo(leaf.getSerialNumber());
        assertThat(issued.get("names").toString()).isEqualTo("[\"dns:audited.test\"]");
        assertThat(issued.get("order").asText()).isEqualTo(events.get(1).get("order").asText());
    }

    @Test
    void aFailedValidationRecordsTheProblemAndTheAddressContacted() {
        AcmeFlow account = new AcmeFlow(client, responder, KeyType.EC_P256.generate()).register();
        String orderUrl = account.order("unanswered.test");
        URI authzUrl = account.fetchOrder(orderUrl).authorizations().get(0);
        Challenge challenge = AcmeFlow.http01(account.post(authzUrl.toString(), null).as(Authorization.class));

        account.post(challenge.url().toString(), Map.of());

        JsonNode validation = eventsOf(id(account.kid()), 3).get(2);
        assertThat(validation.get("outcome").asText()).isEqualTo("invalid");
        assertThat(validation.get("problem").asText()).isEqualTo("urn:ietf:params:acme:error:unauthorized");
        assertThat(validation.get("detail").asText()).contains("404");
        assertThat(validation.get("addresses").toString()).isEqualTo("[\"127.0.0.1\"]");
    }

    @Test
    void revocationsRecordTheReasonAndWhoAskedAccountOrCertificateKey() throws Exception {
        AcmeFlow account = new AcmeFlow(client, responder, KeyType.EC_P256.generate()).register();
        X509Certificate byAccount = Pem.readCertificate(account.issue("revoked-by-account.test"));
        KeyPair certificateKey = KeyType.EC_P256.generate();
        X509Certificate byKey = issueWithKey(account, certificateKey, "revoked-by-key.test");
        String revokeUrl = client.directory().revokeCert().toString();

        assertThat(account.post(revokeUrl, new RevocationRequest(Base64Url.encode(byAccount.getEncoded()), 4))
                .status()).isEqualTo(200);
        assertThat(client.postWithJwk(revokeUrl, certificateKey,
                new RevocationRequest(Base64Url.encode(byKey.getEncoded()), 1)).status()).isEqualTo(200);

        JsonNode first = revocation(byAccount);
        assertThat(first.get("reason").asInt()).isEqualTo(4);
        assertThat(first.get("byAccount").asText()).isEqualTo(id(account.kid()));
        assertThat(first.has("byKeyThumbprint")).isFalse();
        JsonNode second = revocation(byKey);
        assertThat(second.get("reason").asInt()).isEqualTo(1);
        assertThat(second.get("byKeyThumbprint").asText())
                .isEqualTo(Jwks.thumbprint(Jwks.fromPublicKey(certificateKey.getPublic())));
        assertThat(second.has("byAccount")).isFalse();
    }

    @Test
    void noKeyTokenNonceCsrOrCertificateIsEverWritten() throws Exception {
        AcmeFlow account = new AcmeFlow(client, responder, KeyType.EC_P256.generate()).register();
        String orderUrl = account.order("secretless.test");
        Authorization authz = account.post(account.fetchOrder(orderUrl).authorizations().get(0).toString(), null)
                .as(Authorization.class);
        String token = AcmeFlow.http01(authz).token();
        account.authorize(orderUrl);
        Response finalized = account.finalizeOrder(orderUrl, "secretless.test");
        String certificate = account.post(finalized.as(Order.class).certificate().toString(), null).body();
        eventsOf(id(account.kid()), 4);

        String text = Files.readString(auditLog);
        String publicJwk = Jwks.fromPublicKey(account.accountKey().getPublic()).toJSONString();
        assertThat(text).doesNotContain(token)
                .doesNotContain(account.keyAuthorization(token))
                .doesNotContain(JSON.readTree(publicJwk).get("x").asText())
                .doesNotContain(Base64Url.encode(account.accountKey().getPrivate().getEncoded()))
                .doesNotContain("BEGIN")
                .doesNotContain(certificate.lines().skip(1).findFirst().orElseThrow())
                .doesNotContainIgnoringCase("nonce")
                .doesNotContain("\"protected\"");
    }

    private static X509Certificate issueWithKey(AcmeFlow account, KeyPair key, String name) throws Exception {
        String orderUrl = account.order(name);
        account.authorize(orderUrl);
        Order order = account.fetchOrder(orderUrl);
        byte[] csr = new CsrBuilder().dns(List.of(name)).build(key);
        Response finalized = account.post(order.finalizeUrl().toString(), new FinalizeRequest(Base64Url.encode(csr)));
        assertThat(finalized.status()).as(finalized.body()).isEqualTo(200);
        return Pem.readCertificate(account.post(finalized.as(Order.class).certificate().toString(), null).body());
    }

    private static FlattenedJws keyChange(AcmeFlow account, KeyPair newKey) {
        String url = client.directory().keyChange().toString();
        KeyChangeRequest request = new KeyChangeRequest(URI.create(account.kid()),
                AcmeJson.toTree(Jwks.fromPublicKey(account.accountKey().getPublic()).toJSONObject()));
        return JwsSigner.signWithJwk(newKey, null, url, AcmeJson.writeBytes(request));
    }

    private static JsonNode revocation(X509Certificate certificate) {
        String serial = certificate.getSerialNumber().toString(16);
        return Poll.until(AuditLogTest::events, all -> all.stream().anyMatch(e -> isRevocationOf(e, serial)),
                Duration.ofSeconds(10)).stream().filter(e -> isRevocationOf(e, serial)).findFirst().orElseThrow();
    }

    private static boolean isRevocationOf(JsonNode event, String serial) {
        return event.get("event").asText().equals("certificate-revoked") && event.get("serial").asText().equals(serial);
    }

    /** Waits until the account's first {@code count} events are written, and returns them in order. */
    private static List<JsonNode> eventsOf(String accountId, int count) {
        return Poll.until(() -> events().stream().filter(event -> accountId.equals(text(event, "account"))).toList(),
                found -> found.size() >= count, Duration.ofSeconds(10)).subList(0, count);
    }

    private static List<JsonNode> events() {
        try {
            return Files.readAllLines(auditLog).stream().map(AuditLogTest::parse).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not a JSON line: " + line, e);
        }
    }

    private static String text(JsonNode event, String field) {
        return event.has(field) ? event.get(field).asText() : null;
    }

    private static String id(String accountUrl) {
        return accountUrl.substring(accountUrl.lastIndexOf('/') + 1);
    }
}
