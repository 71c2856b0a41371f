package dev.vacme.server.va;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.common.challenge.KeyAuthorizations;
import dev.vacme.common.model.Identifier;
import dev.vacme.common.problem.Problem;
import dev.vacme.server.AcmeProblemException;
import dev.vacme.server.testing.ChallengeTestServer;
import io.vertx.core.Vertx;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DNS-01 (RFC 8555 §8.4) and the DNS client under it, against pebble-challtestsrv as the
 * configured resolver: a real DNS server answering TXT, CNAME, CAA and SERVFAIL as told.
 */
class Dns01ValidatorTest {

    private static final String KEY_AUTHORIZATION = "token-0123456789abcdef0123456.9jg46WB3rR_AHD-EBXdN7cBkH1WOu0tA3M9fm21mqTI";
    private static final String EXPECTED = KeyAuthorizations.dns01TxtValue(KEY_AUTHORIZATION);

    private static Vertx vertx;
    private static ChallengeTestServer dns;
    private static Path logDir;
    private static DnsJavaClient client;
    private static Dns01Validator validator;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        logDir = Files.createTempDirectory("dns01");
        dns = ChallengeTestServer.start(logDir.resolve("challtestsrv.log"));
        client = new DnsJavaClient(vertx, Optional.of(DnsServer.parse(dns.resolver())), Duration.ofSeconds(5));
        validator = new Dns01Validator(client);
        dns.addTxt("_acme-challenge.one.test", "unrelated value");
        dns.addTxt("_acme-challenge.one.test", EXPECTED);
        dns.addTxt("_acme-challenge.delegated.zone.test", EXPECTED);
        dns.setCname("_acme-challenge.alias.test", "_acme-challenge.delegated.zone.test");
        dns.addTxt("_acme-challenge.wrong.test", "yRr8vvSHn_z-D2gYrHLGmKcChq0y-4vGtsVg3sRkXW4");
        dns.setServfail("_acme-challenge.broken.test");
        dns.addCaa("caa.test", List.of("issue ca.example; accounturi=https://acme.example/acct/1",
                "tbs unknown", "iodef mailto:security@caa.test"));
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
    void passesWhenAnyOfTheTxtValuesIsTheDigestOfTheKeyAuthorization() throws Exception {
        Await.result(validator.validate(request("one.test")));
    }

    @Test
    void followsACnameToWhereTheRecordIsPublished() throws Exception {
        Await.result(validator.validate(request("alias.test")));
    }

    @Test
    void noTxtRecordIsUnauthorizedAndSaysWhatWasExpected() throws Exception {
        assertThat(problem("missing.test")).isEqualTo(Problem.of(dev.vacme.common.problem.ProblemType.UNAUTHORIZED,
                "No TXT record found at _acme-challenge.missing.test; expected one with the value \"" + EXPECTED + "\""));
    }

    @Test
    void aDifferentValueIsIncorrectResponseShowingSeenAndExpected() throws Exception {
        assertThat(problem("wrong.test")).isEqualTo(Problem.of(
                dev.vacme.common.problem.ProblemType.INCORRECT_RESPONSE,
                "Incorrect TXT record at _acme-challenge.wrong.test: expected \"" + EXPECTED
                        + "\", found \"yRr8vvSHn_z-D2gYrHLGmKcChq0y-4vGtsVg3sRkXW4\""));
    }

    @Test
    void servfailIsADnsProblemNeverNoRecord() throws Exception {
        assertThat(problem("broken.test")).isEqualTo(Problem.of(dev.vacme.common.problem.ProblemType.DNS,
                "DNS problem: SERVFAIL looking up TXT for _acme-challenge.broken.test at the DNS server "
                        + dns.resolver()));
    }

    @Test
    void aServerThatNeverAnswersIsADnsTimeout() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            DnsJavaClient mute = new DnsJavaClient(vertx,
                    Optional.of(new DnsServer(InetAddress.getLoopbackAddress(), silent.getLocalPort())),
                    Duration.ofMillis(300));

            Throwable failure = Await.failure(mute.txt("_acme-challenge.one.test"));

            assertThat(failure).isInstanceOfSatisfying(AcmeProblemException.class, e -> assertThat(e.problem())
                    .isEqualTo(Problem.of(dev.vacme.common.problem.ProblemType.DNS,
                            "DNS problem: query timed out looking up TXT for _acme-challenge.one.test at the DNS server 127.0.0.1:"
                                    + silent.getLocalPort())));
        }
    }

    @Test
    void readsCaaRecords() throws Exception {
        assertThat(Await.result(client.caa("caa.test"))).containsExactlyInAnyOrder(
                new DnsClient.CaaRecord(0, "issue", "ca.example; accounturi=https://acme.example/acct/1"),
                new DnsClient.CaaRecord(0, "tbs", "unknown"),
                new DnsClient.CaaRecord(0, "iodef", "mailto:security@caa.test"));
        assertThat(Await.result(client.caa("nothing.test"))).isEmpty();
    }

    private static Problem problem(String name) throws Exception {
        Throwable failure = Await.failure(validator.validate(request(name)));
        assertThat(failure).isInstanceOf(AcmeProblemException.class);
        return ((AcmeProblemException) failure).problem();
    }

    private static ValidationRequest request(String name) {
        return new ValidationRequest("dns-01", Identifier.dns(name), "token-0123456789abcdef0123456",
                KEY_AUTHORIZATION, "acct");
    }
}
