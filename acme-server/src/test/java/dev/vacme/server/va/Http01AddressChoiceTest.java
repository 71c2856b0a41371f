package dev.vacme.server.va;

import static dev.vacme.server.va.Http01ValidatorTest.PREFIX;
import static dev.vacme.server.va.Http01ValidatorTest.ka;
import static dev.vacme.server.va.Http01ValidatorTest.validate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vacme.common.model.Identifier;
import dev.vacme.common.problem.Problem;
import dev.vacme.common.problem.ProblemType;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Which address HTTP-01 connects to when a name has both families: IPv6 first, IPv4 only when no
 * IPv6 connection could be made. Needs {@code ::1}; skipped on hosts without IPv6 loopback.
 */
class Http01AddressChoiceTest {

    private static Vertx vertx;
    private static ChallengeResponder ipv4;
    private static ChallengeResponder ipv6;
    private static ChallengeResponder ipv4Only;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        ipv4 = ChallengeResponder.start(vertx, "127.0.0.1", 0);
        try {
            ipv6 = ChallengeResponder.start(vertx, "::1", ipv4.port());
        } catch (Exception e) {
            ipv6 = null;
        }
        ipv4Only = ChallengeResponder.start(vertx, "127.0.0.1", 0);
        for (ChallengeResponder responder : List.of(ipv4, ipv4Only)) {
            responder.answer(PREFIX + "pick", 200, "answered over IPv4");
            responder.answer(PREFIX + "fallback", 200, ka("fallback"));
        }
        if (ipv6 != null) {
            ipv6.answer(PREFIX + "pick", 200, ka("pick"));
            ipv6.answer(PREFIX + "literal", 200, ka("literal"));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        Await.result(vertx.close());
    }

    @Test
    void prefersIpv6() throws Exception {
        assumeTrue(ipv6 != null, "no IPv6 loopback here");
        assertThat(validate(validator(ipv4.port()), Identifier.dns("dual.test"), "pick")).isNull();
        assertThat(ipv6.seen(PREFIX + "pick")).hasSize(1);
        assertThat(ipv4.seen(PREFIX + "pick")).isEmpty();
    }

    @Test
    void validatesAnIpv6Identifier() throws Exception {
        assumeTrue(ipv6 != null, "no IPv6 loopback here");
        assertThat(validate(validator(ipv4.port()), Identifier.ip("::1"), "literal")).isNull();
        assertThat(ipv6.seen(PREFIX + "literal")).map(ChallengeResponder.Seen::host)
                .containsExactly("[::1]:" + ipv4.port());
    }

    @Test
    void fallsBackToIpv4WhenIpv6CannotConnect() throws Exception {
        assumeTrue(portFreeOnIpv6Loopback(ipv4Only.port()), "::1 port is in use or IPv6 is missing");
        assertThat(validate(validator(ipv4Only.port()), Identifier.dns("dual.test"), "fallback")).isNull();
        assertThat(ipv4Only.seen(PREFIX + "fallback")).hasSize(1);
    }

    @Test
    void reportsTheLastAddressTriedWhenNoneConnects() throws Exception {
        assumeTrue(portFreeOnIpv6Loopback(ipv4Only.port()), "::1 port is in use or IPv6 is missing");
        Problem problem = validate(validator(ipv4Only.port()), Identifier.dns("nowhere.test"), "fallback");
        assertThat(problem).isEqualTo(Problem.of(ProblemType.CONNECTION, "127.0.0.4: Fetching http://nowhere.test:"
                + ipv4Only.port() + "/.well-known/acme-challenge/fallback: Connection refused"));
    }

    private static Http01Validator validator(int port) {
        ValidationSettings settings = ValidationSettings.defaults()
                .withHttp01Port(port)
                .withHostOverrides(List.of(HostOverride.parse("dual.test=127.0.0.1"), HostOverride.parse("dual.test=::1"),
                        HostOverride.parse("nowhere.test=::1"), HostOverride.parse("nowhere.test=127.0.0.4")))
                .withAllowedNetworks(List.of(Cidr.parse("127.0.0.0/8"), Cidr.parse("::1")))
                .withTimeout(Duration.ofSeconds(5));
        return new Http01Validator(vertx, settings, HostResolver.forSettings(vertx, settings));
    }

    private static boolean portFreeOnIpv6Loopback(int port) {
        try {
            ChallengeResponder.start(vertx, "::1", port).close();
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
