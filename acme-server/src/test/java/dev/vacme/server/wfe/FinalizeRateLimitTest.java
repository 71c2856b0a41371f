package dev.vacme.server.wfe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.common.model.Identifier;
import dev.vacme.common.model.NewOrderRequest;
import dev.vacme.common.model.Order;
import dev.vacme.common.model.OrderStatus;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The certificate limits are counted at finalize in the same step as they are checked: two
 * orders that both passed newOrder's early check cannot both be issued past the limit, and the
 * refused one stays ready.
 */
class FinalizeRateLimitTest {

    @TempDir
    static Path dir;

    private static Http01Responder responder;
    private static TestServer server;

    @BeforeAll
    static void start() {
        responder = new Http01Responder();
        server = TestServer.start(dir, responder.port(), Map.of("rate-limits", List.of("certificates-per-domain=1/1d")));
    }

    @AfterAll
    static void stop() {
        server.close();
        responder.close();
    }

    @Test
    void ofTwoOrdersUnderOneDomainOnlyTheFirstFinalizedIsIssuedAndARenewalStillIs() throws Exception {
        AcmeFlow account = new AcmeFlow(server.client(), responder, KeyType.EC_P256.generate()).register();
        String first = account.order("a.race.test");
        String second = account.order("b.race.test");
        account.authorize(first);
        account.authorize(second);

        AcmeTestClient.Response issued = account.finalizeOrder(first, "a.race.test");
        AcmeTestClient.Response refused = account.finalizeOrder(second, "b.race.test");

        assertThat(issued.status()).as(issued.body()).isEqualTo(200);
        assertThat(refused.status()).as(refused.body()).isEqualTo(429);
        assertThat(refused.problem().type()).isEqualTo(ProblemType.RATE_LIMITED.urn());
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertThat(retryAfter).isBetween(86_000L, 86_400L);
        assertThat(refused.problem().detail()).isEqualTo("too many certificates for the registered domain race.test: "
                + "the limit certificates-per-domain allows 1/1d; retry after " + retryAfter + " seconds");
        assertThat(account.fetchOrder(second).status()).as("the refused order can be finalized later")
                .isEqualTo(OrderStatus.READY);

        Order done = issued.as(Order.class);
        X509Certificate leaf = Pem.readCertificate(account.post(done.certificate().toString(), null).body());
        String renewal = account.order(new NewOrderRequest(List.of(Identifier.dns("a.race.test")), null, null, null,
                AriCertificateId.of(leaf).toString()));
        account.authorize(renewal);
        AcmeTestClient.Response renewed = account.finalizeOrder(renewal, "a.race.test");
        assertThat(renewed.status()).as("a renewal of the same names is exempt: " + renewed.body()).isEqualTo(200);
    }
}
