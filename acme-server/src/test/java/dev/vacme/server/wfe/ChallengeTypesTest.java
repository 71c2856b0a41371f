package dev.vacme.server.wfe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.common.challenge.KeyAuthorizations;
import dev.vacme.common.jws.Base64Url;
import dev.vacme.common.model.Authorization;
import dev.vacme.common.model.AuthorizationStatus;
import dev.vacme.common.model.Challenge;
import dev.vacme.common.model.ChallengeStatus;
import dev.vacme.common.model.FinalizeRequest;
import dev.vacme.common.model.Identifier;
import dev.vacme.common.model.NewOrderRequest;
import dev.vacme.common.model.Order;
import dev.vacme.common.pki.CsrBuilder;
import dev.vacme.common.pki.KeyType;
import dev.vacme.common.pki.Pem;
import dev.vacme.common.problem.Problem;
import dev.vacme.common.problem.ProblemType;
import dev.vacme.server.testing.AcmeFlow;
import dev.vacme.server.testing.AcmeTestClient;
import dev.vacme.server.testing.ChallengeTestServer;
import dev.vacme.server.testing.Http01Responder;
import dev.vacme.server.testing.Poll;
import dev.vacme.server.testing.TestServer;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which challenges orders get, wildcard issuance through dns-01, and CAA, against a server whose
 * DNS resolver is pebble-challtestsrv and whose CAA identity is {@code vacme.test}.
 */
class ChallengeTypesTest {

    @TempDir
    static Path dir;

    private static ChallengeTestServer dns;
    private static Http01Responder responder;
    private static TestServer server;
    private static AcmeTestClient client;

    @BeforeAll
    static void start() {
        dns = ChallengeTestServer.start(dir.resolve("challtestsrv.log"));
        responder = new Http01Responder();
        server = TestServer.start(dir.resolve("data"), responder.port(), Map.of("dns-resolver", dns.resolver(),
                "caa-identity", List.of("vacme.test")));
        client = server.client();
    }

    @AfterAll
    static void stop() {
        server.close();
        responder.close();
        dns.close();
    }

    @Test
    void aNameGetsEveryTypeAWildcardOnlyDns01AndAnAddressNeverDns01() {
        AcmeFlow account = newAccount();
        Order order = account.fetchOrder(account.order(new NewOrderRequest(List.of(Identifier.dns("plain.test"),
                Identifier.dns("*.plain.test"), Identifier.ip("127.0.0.1")), null, null, null, null)));

        assertThat(order.identifiers()).containsExactly(Identifier.dns("plain.test"), Identifier.dns("*.plain.test"),
                Identifier.ip("127.0.0.1"));
        List<Authorization> authorizations = order.authorizations().stream()
                .map(url -> account.post(url.toString(), null).as(Authorization.class)).toList();
        assertThat(authorizations).extracting(Authorization::identifier, Authorization::wildcard).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Identifier.dns("plain.test"), null),
                org.assertj.core.groups.Tuple.tuple(Identifier.dns("plain.test"), true),
                org.assertj.core.groups.Tuple.tuple(Identifier.ip("127.0.0.1"), null));
        assertThat(authorizations).map(authz -> authz.challenges().stream().map(Challenge::type).toList())
                .containsExactly(List.of("http-01", "dns-01", "tls-alpn-01"), List.of("dns-01"),
                        List.of("http-01", "tls-alpn-01"));
    }

    @Test
    void aWildcardIsIssuedThroughDns01AndTheCertificateCarriesIt() throws Exception {
        AcmeFlow account = newAccount();
        String orderUrl = account.order("*.wild.test");
        Authorization authz = authorization(account, orderUrl);
        Challenge dns01 = authz.challenges().get(0);
        dns.addTxt("_acme-challenge.wild.test", KeyAuthorizations.dns01TxtValue(account.keyAuthorization(dns01.token())));

        assertThat(respond(account, authz, dns01).status()).isEqualTo(AuthorizationStatus.VALID);
        Order order = account.fetchOrder(orderUrl);
        byte[] csr = new CsrBuilder().dns(List.of("*.wild.test")).build(KeyType.EC_P256.generate());
        AcmeTestClient.Response finalized = account.post(order.finalizeUrl().toString(),
                new FinalizeRequest(Base64Url.encode(csr)));
        assertThat(finalized.status()).as(finalized.body()).isEqualTo(200);
        String chain = account.post(finalized.as(Order.class).certificate().toString(), null).body();
        X509Certificate leaf = Pem.readCertificates(chain).get(0);
        assertThat(leaf.getSubjectAlternativeNames()).extracting(san -> (Object) san.get(1))
                .containsExactly("*.wild.test");
    }

    @Test
    void caaNamingAnotherCaMakesTheValidationInvalidWithCaa() {
        dns.addCaa("forbidden.test", List.of("issue ca.example"));
        AcmeFlow account = newAccount();
        Authorization authz = authorization(account, account.order("www.forbidden.test"));
        Challenge http01 = AcmeFlow.http01(authz);
        responder.answer(http01.token(), account.keyAuthorization(http01.token()));

        Authorization done = respond(account, authz, http01);

        assertThat(done.status()).isEqualTo(AuthorizationStatus.INVALID);
        Challenge failed = done.challenges().stream().filter(c -> c.type().equals("http-01")).findFirst().orElseThrow();
        assertThat(failed.status()).isEqualTo(ChallengeStatus.INVALID);
        assertThat(failed.error()).isEqualTo(Problem.of(ProblemType.CAA, "CAA records at forbidden.test forbid "
                + "issuance for www.forbidden.test: the CAA issue records permit only: ca.example (this CA is vacme.test)")
                .withIdentifier(Identifier.dns("www.forbidden.test")));
    }

    @Test
    void caaNamingThisCaForThisAccountPermits() {
        AcmeFlow account = newAccount();
        dns.addCaa("bound.test", List.of("issue vacme.test; accounturi=" + account.kid()
                + "; validationmethods=http-01"));
        Authorization authz = authorization(account, account.order("bound.test"));
        Challenge http01 = AcmeFlow.http01(authz);
        responder.answer(http01.token(), account.keyAuthorization(http01.token()));

        assertThat(respond(account, authz, http01).status()).isEqualTo(AuthorizationStatus.VALID);
    }

    private static AcmeFlow newAccount() {
        return new AcmeFlow(client, responder, KeyType.EC_P256.generate()).register();
    }

    private static Authorization authorization(AcmeFlow account, String orderUrl) {
        URI url = account.fetchOrder(orderUrl).authorizations().get(0);
        return account.post(url.toString(), null).as(Authorization.class);
    }

    /** Responds to the challenge and waits until its authorization is no longer pending. */
    private static Authorization respond(AcmeFlow account, Authorization authz, Challenge challenge) {
        AcmeTestClient.Response response = account.post(challenge.url().toString(), Map.of());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        String challengeUrl = challenge.url().toString();
        String authzUrl = challengeUrl.substring(0, challengeUrl.lastIndexOf('/')).replace("/acme/chall/", "/acme/authz/");
        return Poll.until(() -> account.post(authzUrl, null).as(Authorization.class),
                a -> a.status() != AuthorizationStatus.PENDING, Duration.ofSeconds(20));
    }
}
