package dev.vacme.server.wfe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.vacme.common.model.Identifier;
import dev.vacme.common.model.NewOrderRequest;
import dev.vacme.common.pki.KeyType;
import dev.vacme.common.problem.Problem;
import dev.vacme.common.problem.ProblemType;
import dev.vacme.server.testing.AcmeFlow;
import dev.vacme.server.testing.AcmeTestClient;
import dev.vacme.server.testing.Http01Responder;
import dev.vacme.server.testing.TestServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * newOrder refuses, with one {@code rejectedIdentifier} subproblem per identifier (RFC 8555
 * §6.7.1), public suffixes, reserved names and identifiers no enabled challenge can validate,
 * here on a server offering only http-01 and allowing one order per account and hour: a refused
 * order is not counted.
 */
class RefusedIdentifiersTest {

    @TempDir
    static Path dir;

    private static Http01Responder responder;
    private static TestServer server;

    @BeforeAll
    static void start() {
        responder = new Http01Responder();
        server = TestServer.start(dir, responder.port(), Map.of("challenges", List.of("http-01"),
                "rate-limits", List.of("new-orders-per-account=1/1h")));
    }

    @AfterAll
    static void stop() {
        server.close();
        responder.close();
    }

    @Test
    void publicSuffixesAndReservedNamesAreRefusedOneSubproblemEach() {
        AcmeFlow account = new AcmeFlow(server.client(), responder, KeyType.EC_P256.generate()).register();

        Problem problem = refusedOrder(account, "ok.test", "printer.local", "co.uk", "*.github.io");

        assertThat(problem.type()).isEqualTo(ProblemType.REJECTED_IDENTIFIER.urn());
        assertThat(problem.detail()).isEqualTo("cannot issue for 3 of the identifiers; see the subproblems");
        assertThat(problem.subproblems()).extracting(Problem::type, Problem::identifier, Problem::detail)
                .containsExactly(
                        tuple(ProblemType.REJECTED_IDENTIFIER.urn(), Identifier.dns("printer.local"),
                                "names under local are reserved for special use (RFC 6761) and not certified by "
                                        + "this server"),
                        tuple(ProblemType.REJECTED_IDENTIFIER.urn(), Identifier.dns("co.uk"), "co.uk is a public "
                                + "suffix, under which names belong to different registrants; it is not certified "
                                + "by this server"),
                        tuple(ProblemType.REJECTED_IDENTIFIER.urn(), Identifier.dns("*.github.io"), "github.io is a "
                                + "public suffix, under which names belong to different registrants; a wildcard over "
                                + "it is not certified by this server"));
        account.order("ok.test");
    }

    @Test
    void wildcardsWithoutDns01AreRefusedOneSubproblemEachAndTheOrderIsNotCounted() {
        AcmeFlow account = new AcmeFlow(server.client(), responder, KeyType.EC_P256.generate()).register();

        Problem problem = refusedOrder(account, "plain.test", "*.wild.test", "*.other.test");

        assertThat(problem.type()).isEqualTo(ProblemType.REJECTED_IDENTIFIER.urn());
        assertThat(problem.subproblems()).extracting(Problem::identifier, Problem::detail).containsExactly(
                tuple(Identifier.dns("*.wild.test"), "wildcard names need the dns-01 challenge, which this server "
                        + "does not offer"),
                tuple(Identifier.dns("*.other.test"), "wildcard names need the dns-01 challenge, which this server "
                        + "does not offer"));
        account.order("plain.test");
    }

    private static Problem refusedOrder(AcmeFlow account, String... names) {
        AcmeTestClient.Response response = account.post(server.client().directory().newOrder().toString(),
                new NewOrderRequest(java.util.Arrays.stream(names).map(Identifier::dns).toList(), null, null, null,
                        null));
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        return response.problem();
    }
}
