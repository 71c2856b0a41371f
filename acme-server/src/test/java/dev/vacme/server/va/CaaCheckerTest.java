package dev.vacme.server.va;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.common.model.Identifier;
import dev.vacme.common.problem.Problem;
import dev.vacme.common.problem.ProblemType;
import dev.vacme.server.AcmeProblemException;
import dev.vacme.server.testing.ChallengeTestServer;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Climbing the DNS tree for the relevant CAA set (RFC 8659 §3), against pebble-challtestsrv. */
class CaaCheckerTest {

    private static Vertx vertx;
    private static ChallengeTestServer dns;
    private static Path logDir;
    private static CaaChecker checker;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        logDir = Files.createTempDirectory("caa");
        dns = ChallengeTestServer.start(logDir.resolve("challtestsrv.log"));
        DnsJavaClient client = new DnsJavaClient(vertx, Optional.of(DnsServer.parse(dns.resolver())),
                Duration.ofSeconds(5));
        checker = new CaaChecker(client, new CaaPolicy(List.of("vacme.test")), id -> "https://acme.test/acct/" + id);
        dns.addCaa("other.test", List.of("issue ca.example"));
        dns.addCaa("mine.other.test", List.of("issue vacme.test"));
        dns.addCaa("ours.test", List.of("issue vacme.test", "issuewild ;"));
        dns.setServfail("broken.ours.test");
        dns.addCaa("bound.test", List.of("issue vacme.test; accounturi=https://acme.test/acct/a1"));
    }

    @AfterAll
    static void stop() throws Exception {
        dns.close();
        vertx.close().await();
        try (var files = Files.list(logDir)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(logDir);
    }

    @Test
    void listsTheNameAndItsParentsDownToTheTopLevelDomain() {
        assertThat(CaaChecker.levels("a.b.example.com")).containsExactly("a.b.example.com", "b.example.com",
                "example.com", "com");
    }

    @Test
    void aParentsRecordsApplyToNamesBelowWithoutTheirOwn() throws Exception {
        assertThat(refusal(Identifier.dns("www.deep.other.test"), false, "a1")).isEqualTo(Problem.of(ProblemType.CAA,
                "CAA records at other.test forbid issuance for www.deep.other.test: the CAA issue records permit "
                        + "only: ca.example (this CA is vacme.test)")
                .withIdentifier(Identifier.dns("www.deep.other.test")));
    }

    @Test
    void theMostSpecificSetWins() throws Exception {
        Await.result(checker.check(Identifier.dns("www.mine.other.test"), false, "a1", "http-01"));
    }

    @Test
    void issuewildGovernsWildcardsOnly() throws Exception {
        Await.result(checker.check(Identifier.dns("www.ours.test"), false, "a1", "http-01"));
        assertThat(refusal(Identifier.dns("ours.test"), true, "a1").type()).isEqualTo(ProblemType.CAA.urn());
    }

    @Test
    void noCaaAnywhereOrAnIpAddressPermits() throws Exception {
        Await.result(checker.check(Identifier.dns("www.nothing.test"), false, "a1", "http-01"));
        Await.result(checker.check(Identifier.ip("192.0.2.1"), false, "a1", "http-01"));
    }

    @Test
    void accountUriMustBeTheRequestingAccount() throws Exception {
        Await.result(checker.check(Identifier.dns("bound.test"), false, "a1", "http-01"));
        assertThat(refusal(Identifier.dns("bound.test"), false, "a2").type()).isEqualTo(ProblemType.CAA.urn());
    }

    @Test
    void aLevelDnsCannotAnswerIsADnsProblemNotPermission() throws Exception {
        Problem problem = refusal(Identifier.dns("www.broken.ours.test"), false, "a1");

        assertThat(problem.type()).isEqualTo(ProblemType.DNS.urn());
        assertThat(problem.detail()).isEqualTo("DNS problem: SERVFAIL looking up CAA for broken.ours.test at the DNS "
                + "server " + dns.resolver());
        assertThat(problem.identifier()).isEqualTo(Identifier.dns("www.broken.ours.test"));
    }

    private static Problem refusal(Identifier identifier, boolean wildcard, String accountId) throws Exception {
        Throwable failure = Await.failure(checker.check(identifier, wildcard, accountId, "http-01"));
        assertThat(failure).isInstanceOf(AcmeProblemException.class);
        return ((AcmeProblemException) failure).problem();
    }
}
