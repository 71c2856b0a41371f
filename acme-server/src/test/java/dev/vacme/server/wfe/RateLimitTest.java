package dev.vacme.server.wfe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.common.model.Identifier;
import dev.vacme.common.model.NewAccountRequest;
import dev.vacme.common.model.NewOrderRequest;
import dev.vacme.common.pki.AriCertificateId;
import dev.vacme.common.pki.KeyType;
import dev.vacme.common.pki.Pem;
import dev.vacme.common.problem.ProblemType;
import dev.vacme.server.testing.AcmeFlow;
import dev.vacme.server.testing.AcmeTestClient;
import dev.vacme.server.testing.Http01Responder;
import dev.vacme.server.testing.TestServer;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** A configured rate limit answers 429 rateLimited with Retry-After and the help link. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RateLimitTest {

    @TempDir
    static Path dir;

    private static Http01Responder responder;
    private static TestServer server;
    private static AcmeTestClient client;
    private static AcmeFlow third;

    @BeforeAll
    static void start() {
        responder = new Http01Responder();
        server = TestServer.start(dir, responder.port(), Map.of(
                "rate-limits", List.of("new-orders-per-account=2/1h", "new-accounts-per-ip=3/1h",
                        "certificates-per-domain=1/1d"),
                "rate-limits-help-url", "https://acme.example.com/docs/rate-limits"));
        client = server.client();
    }

    @AfterAll
    static void stop() {
        server.close();
        responder.close();
    }

    @Test
    @Order(1)
    void theThirdOrderWithinTheWindowIsRateLimitedUntilTheFirstLeavesIt() {
        AcmeFlow account = new AcmeFlow(client, responder, KeyType.EC_P256.generate()).register();
        account.order("one.test");
        account.order("two.test");

        AcmeTestClient.Response third = account.post(client.directory().newOrder().toString(),
                new NewOrderRequest(List.of(Identifier.dns("three.test")), null, null, null, null));

        assertThat(third.status()).isEqualTo(429);
        assertThat(third.problem().type()).isEqualTo(ProblemType.RATE_LIMITED.urn());
        long retryAfter = Long.parseLong(third.header("Retry-After"));
        assertThat(retryAfter).isBetween(3300L, 3600L);
        assertThat(third.problem().detail()).isEqualTo("too many new orders for this account: the limit "
                + "new-orders-per-account allows 2/1h; retry after " + retryAfter + " seconds");
        assertThat(third.headerValues("Link")).contains("<https://acme.example.com/docs/rate-limits>;rel=\"help\"");

        AcmeFlow other = new AcmeFlow(client, responder, KeyType.EC_P256.generate()).register();
        other.order("three.test");
    }

    @Test
    @Order(2)
    void theFourthNewAccountFromOneAddressIsRateLimitedButTheExistingAccountsStillLogIn() {
        third = new AcmeFlow(client, responder, KeyType.EC_P256.generate()).register();

        AcmeTestClient.Response fourth = client.postWithJwk(client.directory().newAccount().toString(),
                KeyType.EC_P256.generate(), new NewAccountRequest(null, true, null, null));

        assertThat(fourth.status()).isEqualTo(429);
        assertThat(fourth.problem().type()).isEqualTo(ProblemType.RATE_LIMITED.urn());
        long retryAfter = Long.parseLong(fourth.header("Retry-After"));
        assertThat(fourth.problem().detail()).isEqualTo("too many new accounts from 127.0.0.1: the limit "
                + "new-accounts-per-ip allows 3/1h; retry after " + retryAfter + " seconds");
        third.register();
    }

    @Test
    @Order(3)
    void aSecondCertificateUnderOneDomainIsRateLimitedButARenewalOfTheSameNamesIsNot() throws Exception {
        X509Certificate leaf = Pem.readCertificate(third.issue("www.limited.test"));

        AcmeTestClient.Response other = third.post(client.directory().newOrder().toString(),
                new NewOrderRequest(List.of(Identifier.dns("shop.limited.test")), null, null, null, null));

        assertThat(other.status()).isEqualTo(429);
        long retryAfter = Long.parseLong(other.header("Retry-After"));
        assertThat(retryAfter).isBetween(86_000L, 86_400L);
        assertThat(other.problem().detail()).isEqualTo("too many certificates for the registered domain limited.test: "
                + "the limit certificates-per-domain allows 1/1d; retry after " + retryAfter + " seconds");

        AcmeTestClient.Response renewal = third.post(client.directory().newOrder().toString(),
                new NewOrderRequest(List.of(Identifier.dns("www.limited.test")), null, null, null,
                        AriCertificateId.of(leaf).toString()));
        assertThat(renewal.status()).as(renewal.body()).isEqualTo(201);
    }
}
