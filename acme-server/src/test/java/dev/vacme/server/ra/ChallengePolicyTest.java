package dev.vacme.server.ra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vacme.common.model.Identifier;
import dev.vacme.server.AcmeProblemException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChallengePolicyTest {

    private static final List<String> ALL = List.of("http-01", "dns-01", "tls-alpn-01");

    @ParameterizedTest(name = "[{index}] {0} wildcard={1} with {2}")
    @CsvSource(delimiter = '|', value = {
        "dns:example.test | false | http-01,dns-01,tls-alpn-01 | http-01,dns-01,tls-alpn-01",
        "dns:example.test | true  | http-01,dns-01,tls-alpn-01 | dns-01",
        "ip:192.0.2.1     | false | http-01,dns-01,tls-alpn-01 | http-01,tls-alpn-01",
        "dns:example.test | false | tls-alpn-01,http-01        | tls-alpn-01,http-01",
        "ip:2001:db8::1   | false | dns-01,tls-alpn-01         | tls-alpn-01",
    })
    void offersTheEnabledTypesThatSuitTheIdentifierInTheOperatorsOrder(String identifier, boolean wildcard,
            String enabled, String offered) {
        ChallengePolicy policy = new ChallengePolicy(List.of(enabled.split(",")));

        assertThat(policy.offer(parse(identifier), wildcard)).containsExactly(offered.split(","));
    }

    @ParameterizedTest(name = "[{index}] {0} wildcard={1} with {2}")
    @CsvSource(delimiter = '|', value = {
        "dns:example.test | true  | http-01,tls-alpn-01 | wildcard names need the dns-01 challenge, which this server does not offer",
        "ip:192.0.2.1     | false | dns-01              | IP addresses need the http-01 or tls-alpn-01 challenge, which this server does not offer",
    })
    void refusesAnIdentifierNoEnabledTypeCanValidate(String identifier, boolean wildcard, String enabled,
            String detail) {
        ChallengePolicy policy = new ChallengePolicy(List.of(enabled.split(",")));

        assertThatThrownBy(() -> policy.offer(parse(identifier), wildcard))
                .isInstanceOfSatisfying(AcmeProblemException.class, e -> {
                    assertThat(e.problem().type()).isEqualTo("urn:ietf:params:acme:error:rejectedIdentifier");
                    assertThat(e.problem().detail()).isEqualTo(detail);
                });
    }

    @ParameterizedTest(name = "[{index}] {0} with {1}")
    @CsvSource(delimiter = '|', value = {
        "ip:192.0.2.1,dns:*.a.test           | dns-01              | ip:192.0.2.1=IP addresses need the http-01 or tls-alpn-01 challenge, which this server does not offer",
        "dns:a.test,dns:*.a.test,dns:*.b.test | http-01,tls-alpn-01 | dns:*.a.test=wildcard names need the dns-01 challenge, which this server does not offer;dns:*.b.test=wildcard names need the dns-01 challenge, which this server does not offer",
        "ip:192.0.2.1,dns:*.a.test           | http-01             | dns:*.a.test=wildcard names need the dns-01 challenge, which this server does not offer",
    })
    void anOrderWithIdentifiersNoEnabledTypeCanValidateGetsOneSubproblemForEach(String identifiers, String enabled,
            String expected) {
        ChallengePolicy policy = new ChallengePolicy(List.of(enabled.split(",")));
        List<Identifier> order = java.util.Arrays.stream(identifiers.split(",")).map(ChallengePolicyTest::parse)
                .toList();

        assertThatThrownBy(() -> policy.checkOrder(order)).isInstanceOfSatisfying(AcmeProblemException.class, e -> {
            assertThat(e.problem().type()).isEqualTo("urn:ietf:params:acme:error:rejectedIdentifier");
            assertThat(e.problem().status()).isEqualTo(400);
            assertThat(e.problem().subproblems()).extracting(
                    sub -> sub.identifier().type().name().toLowerCase() + ":" + sub.identifier().value() + "="
                            + sub.detail())
                    .containsExactly(expected.split(";"));
        });
    }

    @Test
    void anOrderEveryIdentifierOfWhichGetsAChallengePasses() {
        new ChallengePolicy(List.of("dns-01", "http-01")).checkOrder(List.of(Identifier.dns("*.a.test"),
                Identifier.ip("192.0.2.1"), Identifier.dns("a.test")));
    }

    @Test
    void refusesUnknownDuplicateOrNoTypesAtStartUp() {
        assertThatThrownBy(() -> new ChallengePolicy(List.of("http-01", "dns-account-01")))
                .hasMessage("unknown challenge type \"dns-account-01\"; supported: http-01, dns-01, tls-alpn-01");
        assertThatThrownBy(() -> new ChallengePolicy(List.of("dns-01", "dns-01")))
                .hasMessage("challenge type dns-01 is listed twice");
        assertThatThrownBy(() -> new ChallengePolicy(List.of()))
                .hasMessage("at least one challenge type must be enabled; supported: http-01, dns-01, tls-alpn-01");
        assertThat(new ChallengePolicy(ALL).enabled()).isEqualTo(ALL);
    }

    private static Identifier parse(String text) {
        int colon = text.indexOf(':');
        String value = text.substring(colon + 1);
        return text.startsWith("ip:") ? Identifier.ip(value) : Identifier.dns(value);
    }
}
