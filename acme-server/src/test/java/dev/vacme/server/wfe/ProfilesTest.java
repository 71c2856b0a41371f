package dev.vacme.server.wfe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.common.jws.Base64Url;
import dev.vacme.common.model.FinalizeRequest;
import dev.vacme.common.model.Identifier;
import dev.vacme.common.model.NewOrderRequest;
import dev.vacme.common.model.Order;
import dev.vacme.common.model.RenewalInfo;
import dev.vacme.common.pki.AriCertificateId;
import dev.vacme.common.pki.CsrBuilder;
import dev.vacme.common.pki.KeyType;
import dev.vacme.common.pki.Pem;
import dev.vacme.common.problem.Problem;
import dev.vacme.common.problem.ProblemType;
import dev.vacme.server.testing.AcmeFlow;
import dev.vacme.server.testing.AcmeTestClient;
import dev.vacme.server.testing.AcmeTestClient.Response;
import dev.vacme.server.testing.Http01Responder;
import dev.vacme.server.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Certificate profiles (draft-ietf-acme-profiles): directory, newOrder, order object, finalize, ARI. */
class ProfilesTest {

    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    @TempDir
    static Path dataDir;

    private static Http01Responder responder;
    private static TestServer server;
    private static AcmeTestClient client;

    @BeforeAll
    static void startServer() throws Exception {
        Path config = dataDir.resolve("vacme.yaml");
        Files.writeString(config, """
                profiles:
                  p384only:
                    description: Server certificates for P-384 keys only
                    validity: 30d
                    key-types: [ecdsa-p384]
                    max-names: 1
                    identifier-types: [dns]
                  payments:
                    description: Client certificates for the payment services
                    validity: 10d
                    extended-key-usage: [clientAuth]
                    accounts: [payments-team]
                """);
        responder = new Http01Responder();
        server = TestServer.start(dataDir.resolve("data"), responder.port(), Map.of(), Optional.of(config));
        client = server.client();
    }

    @AfterAll
    static void stopServer() {
        server.close();
        responder.close();
    }

    @Test
    void theDirectoryListsEveryProfileWithItsDescription() {
        var profiles = client.get(server.directoryUrl()).json().get("meta").get("profiles");

        assertThat(profiles.fieldNames()).toIterable()
                .containsExactly("tlsserver", "tlsclient", "shortlived", "p384only", "payments");
        assertThat(profiles.get("tlsserver").asText()).isEqualTo("TLS server certificate, valid for 90 days");
        assertThat(profiles.get("payments").asText()).isEqualTo("Client certificates for the payment services");
    }

    @Test
    void anUnknownProfileIsInvalidProfileListingTheOffer() {
        Response response = newAccount().post(client.directory().newOrder().toString(), order("nope", "a.test"));

        assertProblem(response, ProblemType.INVALID_PROFILE, "unknown profile \"nope\"; this server offers: "
                + "tlsserver, tlsclient, shortlived, p384only, payments");
    }

    @Test
    void anOrderWithoutProfileGetsTheDefaultAndShowsIt() {
        AcmeFlow account = newAccount();

        Order order = account.fetchOrder(account.order("plain.test"));

        assertThat(order.profile()).isEqualTo("tlsserver");
    }

    @Test
    void aTlsClientCertificateIsForClientAuthenticationOnly() throws Exception {
        X509Certificate leaf = issue(newAccount(), "tlsclient", KeyType.EC_P256, "service-a.test");

        assertThat(leaf.getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
        assertThat(lifetime(leaf).toDays()).isEqualTo(90);
    }

    @Test
    void aShortLivedCertificateLastsSevenDaysAndItsRenewalWindowFollows() throws Exception {
        X509Certificate leaf = issue(newAccount(), "shortlived", KeyType.EC_P256, "short.test");

        assertThat(leaf.getExtendedKeyUsage()).containsExactly(SERVER_AUTH);
        assertThat(lifetime(leaf)).isEqualTo(Duration.ofDays(7).plusHours(1));
        RenewalInfo.SuggestedWindow window = client.get(client.directory().renewalInfo() + "/"
                + AriCertificateId.of(leaf)).as(RenewalInfo.class).suggestedWindow();
        assertThat(window.start()).isEqualTo(leaf.getNotAfter().toInstant().minus(lifetime(leaf).dividedBy(3)));
        assertThat(Duration.between(window.start(), leaf.getNotAfter().toInstant())).isLessThan(Duration.ofDays(3));
    }

    @Test
    void aConfiguredProfileSetsLifetimeAndRefusesOtherKeyTypesAtFinalize() throws Exception {
        AcmeFlow account = newAccount();
        String orderUrl = account.order(order("p384only", "p384.test"));
        account.authorize(orderUrl);

        Response refused = finalizeWith(account, orderUrl, KeyType.EC_P256, "p384.test");

        assertProblem(refused, ProblemType.BAD_CSR, "profile \"p384only\" accepts ecdsa-p384 keys, not ecdsa-p256");
        X509Certificate leaf = issue(account, "p384only", KeyType.EC_P384, "p384-ok.test");
        assertThat(lifetime(leaf)).isEqualTo(Duration.ofDays(30).plusHours(1));
    }

    @Test
    void aProfileLimitsNamesAndIdentifierTypes() {
        AcmeFlow account = newAccount();

        Response two = account.post(client.directory().newOrder().toString(), order("p384only", "a.test", "b.test"));
        Response ip = account.post(client.directory().newOrder().toString(), new NewOrderRequest(
                List.of(Identifier.ip("127.0.0.1")), null, null, "p384only", null));

        assertProblem(two, ProblemType.REJECTED_IDENTIFIER,
                "profile \"p384only\" allows at most 1 identifiers per certificate, not 2");
        assertProblem(ip, ProblemType.REJECTED_IDENTIFIER,
                "profile \"p384only\" does not issue for ip identifiers such as 127.0.0.1");
    }

    @Test
    void aRestrictedProfileRefusesAccountsNotListed() {
        Response response = newAccount().post(client.directory().newOrder().toString(), order("payments", "pay.test"));

        assertProblem(response, ProblemType.INVALID_PROFILE,
                "this account may not use profile \"payments\"; ask the CA's operator");
    }

    private static AcmeFlow newAccount() {
        return new AcmeFlow(client, responder, KeyType.EC_P256.generate()).register();
    }

    private static NewOrderRequest order(String profile, String... names) {
        return new NewOrderRequest(List.of(names).stream().map(Identifier::dns).toList(), null, null, profile, null);
    }

    private static X509Certificate issue(AcmeFlow account, String profile, KeyType keyType, String name) {
        String orderUrl = account.order(order(profile, name));
        account.authorize(orderUrl);
        Response finalized = finalizeWith(account, orderUrl, keyType, name);
        assertThat(finalized.status()).as(finalized.body()).isEqualTo(200);
        Order order = finalized.as(Order.class);
        assertThat(order.profile()).isEqualTo(profile);
        return Pem.readCertificates(account.post(order.certificate().toString(), null).body()).get(0);
    }

    private static Response finalizeWith(AcmeFlow account, String orderUrl, KeyType keyType, String name) {
        Order order = account.fetchOrder(orderUrl);
        byte[] csr = new CsrBuilder().dns(List.of(name)).build(keyType.generate());
        return account.post(order.finalizeUrl().toString(), new FinalizeRequest(Base64Url.encode(csr)));
    }

    private static Duration lifetime(X509Certificate leaf) {
        return Duration.between(leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant());
    }

    private static void assertProblem(Response response, ProblemType type, String detail) {
        Problem problem = response.problem();
        assertThat(response.status()).as(response.body()).isEqualTo(type.defaultStatus());
        assertThat(problem.kind()).isEqualTo(type);
        assertThat(problem.detail()).isEqualTo(detail);
    }
}
