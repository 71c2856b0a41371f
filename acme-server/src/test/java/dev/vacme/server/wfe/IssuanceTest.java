package dev.vacme.server.wfe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.common.jws.Base64Url;
import dev.vacme.common.model.Authorization;
import dev.vacme.common.model.AuthorizationStatus;
import dev.vacme.common.model.Challenge;
import dev.vacme.common.model.ChallengeStatus;
import dev.vacme.common.model.FinalizeRequest;
import dev.vacme.common.model.Identifier;
import dev.vacme.common.model.NewOrderRequest;
import dev.vacme.common.model.Order;
import dev.vacme.common.model.OrderList;
import dev.vacme.common.model.OrderStatus;
import dev.vacme.common.pki.CsrBuilder;
import dev.vacme.common.pki.KeyType;
import dev.vacme.common.pki.Pem;
import dev.vacme.server.testing.AcmeFlow;
import dev.vacme.server.testing.AcmeServerTest;
import dev.vacme.server.testing.AcmeTestClient;
import dev.vacme.server.testing.AcmeTestClient.Response;
import dev.vacme.server.testing.Poll;
import java.net.URI;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Orders, authorizations, HTTP-01 and finalize end to end (RFC 8555 §7.4, §7.5, §8.3). */
class IssuanceTest extends AcmeServerTest {

    @Test
    void issuesACertificateThatChainsToTheRoot() throws Exception {
        String pem = newAccount().issue("a.test", "b.test");

        List<X509Certificate> chain = Pem.readCertificates(pem);
        assertThat(chain).hasSize(2);
        X509Certificate leaf = chain.get(0);
        assertThat(leaf.getSubjectAlternativeNames()).extracting(san -> (Object) san.get(1)).containsExactly("a.test", "b.test");
        assertThat(leaf.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
        assertThat(leaf.getSerialNumber().bitLength()).isGreaterThan(64);
        assertThat(leaf.getNotBefore().toInstant()).isBefore(java.time.Instant.now().minusSeconds(60));
        assertThat(Duration.between(leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant()).toDays())
                .isEqualTo(90);
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(server.root(), null)));
        parameters.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(chain), parameters);
    }

    @Test
    void aNewOrderHasOnePendingAuthorizationPerIdentifierWithAnHttp01Challenge() {
        AcmeFlow account = newAccount();
        Response created = account.post(client.directory().newOrder().toString(),
                new NewOrderRequest(List.of(Identifier.dns("C.test"), Identifier.dns("d.test"), Identifier.dns("c.test")),
                        null, null, null, null));

        assertThat(created.status()).isEqualTo(201);
        Order order = created.as(Order.class);
        assertThat(order.status()).isEqualTo(OrderStatus.PENDING);
        assertThat(order.identifiers()).containsExactly(Identifier.dns("c.test"), Identifier.dns("d.test"));
        assertThat(order.authorizations()).hasSize(2);
        assertThat(order.expires()).isAfter(java.time.Instant.now());
        assertThat(created.location()).isEqualTo(order.finalizeUrl().toString().replace("/finalize", ""));
        Authorization authz = account.post(order.authorizations().get(0).toString(), null).as(Authorization.class);
        assertThat(authz.status()).isEqualTo(AuthorizationStatus.PENDING);
        assertThat(authz.identifier()).isEqualTo(Identifier.dns("c.test"));
        Challenge challenge = AcmeFlow.http01(authz);
        assertThat(challenge.status()).isEqualTo(ChallengeStatus.PENDING);
        assertThat(Base64Url.decode(challenge.token())).hasSizeGreaterThanOrEqualTo(16);
    }

    @Test
    void aQuickValidationIsAnsweredInItsFinalStateAndTheOrderBecomesReady() {
        AcmeFlow account = newAccount();
        String orderUrl = account.order("ready.test");
        Order order = account.fetchOrder(orderUrl);
        Authorization authz = account.post(order.authorizations().get(0).toString(), null).as(Authorization.class);
        Challenge challenge = AcmeFlow.http01(authz);
        responder.answer(challenge.token(), account.keyAuthorization(challenge.token()));

        Response response = account.post(challenge.url().toString(), Map.of());

        assertThat(response.status()).isEqualTo(200);
        Challenge answered = response.as(Challenge.class);
        assertThat(answered.status()).as("a local responder answers in milliseconds, well within the wait")
                .isEqualTo(ChallengeStatus.VALID);
        assertThat(response.headerValues("Link")).contains("<" + order.authorizations().get(0) + ">;rel=\"up\"");
        Order ready = Poll.until(() -> account.fetchOrder(orderUrl), o -> o.status() != OrderStatus.PENDING,
                Duration.ofSeconds(20));
        assertThat(ready.status()).isEqualTo(OrderStatus.READY);
        Challenge validated = account.post(challenge.url().toString(), null).as(Challenge.class);
        assertThat(validated.status()).isEqualTo(ChallengeStatus.VALID);
        assertThat(validated.validated()).isNotNull();
    }

    @Test
    void aWrongAnswerMakesTheAuthorizationAndOrderInvalid() {
        AcmeFlow account = newAccount();
        String orderUrl = account.order("wrong.test");
        Order order = account.fetchOrder(orderUrl);
        Challenge challenge = AcmeFlow.http01(account.post(order.authorizations().get(0).toString(), null)
                .as(Authorization.class));
        responder.answer(challenge.token(), "not-the-key-authorization");

        account.post(challenge.url().toString(), Map.of());

        Order failed = Poll.until(() -> account.fetchOrder(orderUrl), o -> o.status() != OrderStatus.PENDING,
                Duration.ofSeconds(20));
        assertThat(failed.status()).isEqualTo(OrderStatus.INVALID);
        assertThat(failed.error().type()).isEqualTo("urn:ietf:params:acme:error:incorrectResponse");
        Challenge invalid = account.post(challenge.url().toString(), null).as(Challenge.class);
        assertThat(invalid.status()).isEqualTo(ChallengeStatus.INVALID);
        assertThat(invalid.error().type()).isEqualTo("urn:ietf:params:acme:error:incorrectResponse");
    }

    @Test
    void validAuthorizationsAreReusedByTheSameAccountOnly() {
        AcmeFlow account = newAccount();
        account.issue("reuse.test");

        AcmeFlow stranger = newAccount();

        Order again = account.fetchOrder(account.order("reuse.test"));
        Order other = stranger.fetchOrder(stranger.order("reuse.test"));

        assertThat(again.status()).isEqualTo(OrderStatus.READY);
        assertThat(other.status()).isEqualTo(OrderStatus.PENDING);
    }

    @Test
    void finalizeBeforeTheOrderIsReadyIsOrderNotReady() {
        AcmeFlow account = newAccount();
        String orderUrl = account.order("early.test");

        Response response = account.finalizeOrder(orderUrl, "early.test");

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.problem().type()).isEqualTo("urn:ietf:params:acme:error:orderNotReady");
        assertThat(response.problem().detail()).isEqualTo("the order is pending: complete its authorizations first");
    }

    @Test
    void aCsrForOtherNamesIsBadCsrAndTheOrderStaysReady() {
        AcmeFlow account = newAccount();
        String orderUrl = account.order("csr.test");
        account.authorize(orderUrl);

        Response response = account.finalizeOrder(orderUrl, "csr.test", "extra.test");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.problem().type()).isEqualTo("urn:ietf:params:acme:error:badCSR");
        assertThat(response.problem().detail()).endsWith("not in the order: extra.test");
        assertThat(account.fetchOrder(orderUrl).status()).isEqualTo(OrderStatus.READY);
    }

    @Test
    void concurrentFinalizeRequestsIssueExactlyOneCertificate() {
        AcmeFlow account = newAccount();
        String orderUrl = account.order("race.test");
        account.authorize(orderUrl);
        Order order = account.fetchOrder(orderUrl);
        List<CompletableFuture<Response>> attempts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            byte[] csr = new CsrBuilder().dns("race.test").build(KeyType.EC_P256.generate());
            attempts.add(CompletableFuture.supplyAsync(() -> account.post(order.finalizeUrl().toString(),
                    new FinalizeRequest(Base64Url.encode(csr)))));
        }

        List<Response> responses = attempts.stream().map(CompletableFuture::join).toList();

        assertThat(responses).filteredOn(r -> r.status() == 200).hasSize(1);
        assertThat(responses).filteredOn(r -> r.status() == 403)
                .hasSize(3)
                .allSatisfy(r -> assertThat(r.problem().type()).isEqualTo("urn:ietf:params:acme:error:orderNotReady"));
        assertThat(account.fetchOrder(orderUrl).status()).isEqualTo(OrderStatus.VALID);
    }

    @Test
    void theOrdersListPagesWithLinkNext() {
        AcmeFlow account = newAccount();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            created.add(account.order("list" + i + ".test"));
        }

        Response first = account.post(account.kid() + "/orders", null);
        String next = first.headerValues("Link").stream().filter(link -> link.endsWith(";rel=\"next\""))
                .map(link -> link.substring(1, link.indexOf('>'))).findFirst().orElseThrow();
        Response second = account.post(next, null);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.as(OrderList.class).orders()).map(URI::toString).containsExactlyElementsOf(created.subList(0, 50));
        assertThat(next).isEqualTo(account.kid() + "/orders?page=1");
        assertThat(second.as(OrderList.class).orders()).map(URI::toString).containsExactly(created.get(50));
        assertThat(second.headerValues("Link")).noneMatch(link -> link.contains("rel=\"next\""));
    }

    @Test
    void theDirectoryListsEveryResource() {
        Response response = client.get(server.directoryUrl());

        assertThat(response.status()).isEqualTo(200);
        var directory = response.json();
        assertThat(directory.get("newNonce").asText()).isEqualTo(server.baseUrl() + "/acme/new-nonce");
        assertThat(directory.get("newAccount").asText()).isEqualTo(server.baseUrl() + "/acme/new-account");
        assertThat(directory.get("newOrder").asText()).isEqualTo(server.baseUrl() + "/acme/new-order");
        assertThat(directory.get("revokeCert").asText()).isEqualTo(server.baseUrl() + "/acme/revoke-cert");
        assertThat(directory.get("keyChange").asText()).isEqualTo(server.baseUrl() + "/acme/key-change");
        assertThat(directory.get("renewalInfo").asText()).isEqualTo(server.baseUrl() + "/acme/renewal-info");
        assertThat(directory.get("meta").get("externalAccountRequired").asBoolean()).isFalse();
        assertThat(response.header("Replay-Nonce")).isNotBlank();
    }
}
