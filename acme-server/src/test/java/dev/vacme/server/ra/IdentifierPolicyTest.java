package dev.vacme.server.ra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vacme.common.model.Identifier;
import dev.vacme.common.model.IdentifierType;
import dev.vacme.common.problem.Problem;
import dev.vacme.common.problem.ProblemType;
import dev.vacme.server.AcmeProblemException;
import dev.vacme.server.va.AddressPolicy;
import dev.vacme.server.va.Cidr;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdentifierPolicyTest {

    private final IdentifierPolicy policy = new IdentifierPolicy(100, new AddressPolicy(List.of())::refusal);

    @Test
    void normalizesCaseAndCanonicalIpTextAndDropsDuplicates() {
        List<Identifier> normalized = policy.normalize(List.of(Identifier.dns("WWW.Example.COM"),
                Identifier.dns("www.example.com"), Identifier.ip("2001:DB8:0:0:0:0:0:1"), Identifier.ip("192.0.2.1"),
                Identifier.dns("xn--bcher-kva.example")));

        assertThat(normalized).containsExactly(Identifier.dns("www.example.com"), Identifier.ip("2001:db8::1"),
                Identifier.ip("192.0.2.1"), Identifier.dns("xn--bcher-kva.example"));
    }

    @Test
    void allowedAndBlockedDomainsRejectEachIdentifierOutsideThePolicyWithASubproblem() {
        IdentifierPolicy company = new IdentifierPolicy(100, new AddressPolicy(List.of())::refusal,
                new DomainRules(List.of("corp.example"), List.of("secret.corp.example")));

        assertThat(company.normalize(List.of(Identifier.dns("corp.example"), Identifier.dns("*.www.corp.example"),
                Identifier.ip("192.0.2.1")))).hasSize(3);
        Problem problem = catchProblem(company, List.of(Identifier.dns("www.corp.example"),
                Identifier.dns("www.other.example"), Identifier.dns("*.secret.corp.example"),
                Identifier.dns("notcorp.example"))).problem();

        assertThat(problem.type()).isEqualTo("urn:ietf:params:acme:error:rejectedIdentifier");
        assertThat(problem.subproblems()).extracting(Problem::identifier, Problem::detail).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Identifier.dns("www.other.example"),
                        "this server issues only for names under corp.example"),
                org.assertj.core.groups.Tuple.tuple(Identifier.dns("*.secret.corp.example"),
                        "names under secret.corp.example are blocked by this server's policy"),
                org.assertj.core.groups.Tuple.tuple(Identifier.dns("notcorp.example"),
                        "this server issues only for names under corp.example"));
    }

    private static final PublicSuffixes SUFFIXES = PublicSuffixes.parse(List.of("com", "uk", "co.uk", "io",
            "github.io", "*.ck", "!www.ck", "arpa", "in-addr.arpa"));

    private static final IdentifierPolicy PUBLIC_CA = new IdentifierPolicy(100,
            new AddressPolicy(List.of())::refusal, DomainRules.NONE,
            new SpecialNames(SUFFIXES, SpecialNames.DEFAULT_RESERVED));

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "com                | \"com\" is a single-label name; only fully qualified names are certified",
        "co.uk              | co.uk is a public suffix, under which names belong to different registrants; it is not certified by this server",
        "*.co.uk            | co.uk is a public suffix, under which names belong to different registrants; a wildcard over it is not certified by this server",
        "github.io          | github.io is a public suffix, under which names belong to different registrants; it is not certified by this server",
        "*.github.io        | github.io is a public suffix, under which names belong to different registrants; a wildcard over it is not certified by this server",
        "anything.ck        | anything.ck is a public suffix, under which names belong to different registrants; it is not certified by this server",
        "*.corp             | \"corp\" is a single-label name; only fully qualified names are certified",
        "printer.local      | names under local are reserved for special use (RFC 6761) and not certified by this server",
        "*.corp.local       | names under local are reserved for special use (RFC 6761) and not certified by this server",
        "www.localhost      | names under localhost are reserved for special use (RFC 6761) and not certified by this server",
        "abc.onion          | names under onion are reserved for special use (RFC 6761) and not certified by this server",
        "x.alt              | names under alt are reserved for special use (RFC 6761) and not certified by this server",
        "nothing.invalid    | names under invalid are reserved for special use (RFC 6761) and not certified by this server",
        "nas.home.arpa      | names under home.arpa are reserved for special use (RFC 6761) and not certified by this server",
    })
    void publicSuffixesAndReservedNamesAreRejectedWithASubproblemNamingThem(String name, String detail) {
        Problem problem = catchProblem(PUBLIC_CA, List.of(Identifier.dns("ok.example.com"), Identifier.dns(name)))
                .problem();

        assertThat(problem.kind()).isEqualTo(ProblemType.REJECTED_IDENTIFIER);
        assertThat(problem.detail()).isEqualTo("cannot issue for \"" + name + "\": " + detail);
        assertThat(problem.subproblems()).extracting(Problem::identifier, Problem::detail)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Identifier.dns(name), detail));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource({"example.com", "*.example.co.uk", "alice.github.io", "www.ck", "a.www.ck", "host.corp",
        "*.svc.internal", "a.test", "*.wild.test", "challenge.example", "example.test", "www.example.com",
        "1.2.0.192.in-addr.arpa"})
    void registrableTestAndInternalCompanyNamesAreAccepted(String name) {
        assertThat(PUBLIC_CA.normalize(List.of(Identifier.dns(name)))).containsExactly(Identifier.dns(name));
    }

    @ParameterizedTest(name = "[{index}] {0} allows {1}")
    @CsvSource(delimiter = '|', value = {
        "local        | printer.local",
        "corp.local   | *.corp.local",
        "github.io    | github.io",
        "github.io    | *.github.io",
        "home.arpa    | nas.home.arpa",
    })
    void anAllowedDomainExplicitlyAllowsReservedNamesAndPublicSuffixesAtOrUnderIt(String allowed, String name) {
        IdentifierPolicy company = new IdentifierPolicy(100, new AddressPolicy(List.of())::refusal,
                new DomainRules(List.of(allowed), List.of()), new SpecialNames(SUFFIXES, SpecialNames.DEFAULT_RESERVED));

        assertThat(company.normalize(List.of(Identifier.dns(name)))).containsExactly(Identifier.dns(name));
    }

    @Test
    void anEmptyReservedListReservesNothingButPublicSuffixesStayRefused() {
        IdentifierPolicy open = new IdentifierPolicy(100, new AddressPolicy(List.of())::refusal, DomainRules.NONE,
                new SpecialNames(SUFFIXES, List.of()));

        assertThat(open.normalize(List.of(Identifier.dns("printer.local")))).hasSize(1);
        assertThat(catchProblem(open, List.of(Identifier.dns("co.uk"))).problem().kind())
                .isEqualTo(ProblemType.REJECTED_IDENTIFIER);
    }

    @Test
    void acceptsAWildcardOverAnAcceptableNameAndAuthorizesItsBaseName() {
        List<Identifier> normalized = policy.normalize(List.of(Identifier.dns("*.Example.COM")));

        assertThat(normalized).containsExactly(Identifier.dns("*.example.com"));
        assertThat(IdentifierPolicy.isWildcard(normalized.get(0))).isTrue();
        assertThat(IdentifierPolicy.authorized(normalized.get(0))).isEqualTo(Identifier.dns("example.com"));
        assertThat(IdentifierPolicy.authorized(Identifier.dns("example.com"))).isEqualTo(Identifier.dns("example.com"));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @CsvSource(delimiter = '|', value = {
        "''                          | malformed          | a DNS name must not be empty",
        "192.0.2.1                   | malformed          | is an IP address; use an identifier of type ip",
        "*.*.example.com             | malformed          | has a '*' that is not a leading wildcard label",
        "*.localhost                 | rejectedIdentifier | is a single-label name",
        "www.*.example.com           | malformed          | has a '*' that is not a leading wildcard label",
        "example.com.                | malformed          | must not end with a dot",
        "a..example.com              | malformed          | has an empty label",
        "-a.example.com              | malformed          | has an invalid label \"-a\"",
        "a_b.example.com             | malformed          | has an invalid label \"a_b\"",
        "ab--cd.example.com          | malformed          | has a reserved label \"ab--cd\"",
        "xn--a.example.com           | malformed          | has an invalid punycode label \"xn--a\"",
        "xn--ls8h.example.com        | malformed          | has an invalid punycode label \"xn--ls8h\"",
        "xn--wca.example.com         | malformed          | has an invalid punycode label \"xn--wca\"",
        "xn--ab-7tb.example.com      | malformed          | has an invalid punycode label \"xn--ab-7tb\"",
        "localhost                   | rejectedIdentifier | is a single-label name",
        "example.123                 | malformed          | ends in an all-numeric label",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.com | malformed | has a label longer than 63 characters",
    })
    void rejectsBadDnsNamesWithASubproblemNamingThem(String name, String type, String detail) {
        AcmeProblemException thrown = catchProblem(List.of(Identifier.dns(name)));

        Problem problem = thrown.problem();
        assertThat(problem.type()).isEqualTo("urn:ietf:params:acme:error:" + type);
        assertThat(problem.detail()).isEqualTo("cannot issue for \"" + name + "\": " + problem.subproblems().get(0).detail());
        assertThat(problem.identifier()).isNull();
        assertThat(problem.subproblems()).singleElement().satisfies(sub -> {
            assertThat(sub.identifier()).isEqualTo(Identifier.dns(name));
            assertThat(sub.detail()).contains(detail);
        });
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource({"xn--fa-hia.example", "xn--nxasmm1c.example", "xn--80ak6aa92e.example", "xn--e1afmkfd.example",
        "xn--tda.example", "xn--bcher-kva.example"})
    void acceptsLabelsThatIdna2008Allows(String name) {
        assertThat(policy.normalize(List.of(Identifier.dns(name)))).containsExactly(Identifier.dns(name));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "127.0.0.1       | a loopback address",
        "::1             | a loopback address",
        "0.0.0.0         | an unspecified (\"this network\") address",
        "169.254.169.254 | a link-local address",
    })
    void refusesIpAddressesValidationNeverReaches(String address, String refusal) {
        AcmeProblemException thrown = catchProblem(List.of(Identifier.ip(address)));

        assertThat(thrown.problem().type()).isEqualTo("urn:ietf:params:acme:error:rejectedIdentifier");
        assertThat(thrown.problem().subproblems()).singleElement().satisfies(sub -> assertThat(sub.detail())
                .isEqualTo("\"" + address + "\" is " + refusal + ", which this server never validates"));
    }

    @Test
    void anAllowedNetworkOpensItsAddressesToOrders() {
        IdentifierPolicy allowingLoopback = new IdentifierPolicy(100,
                new AddressPolicy(List.of(Cidr.parse("127.0.0.0/8")))::refusal);

        assertThat(allowingLoopback.normalize(List.of(Identifier.ip("127.0.0.1"))))
                .containsExactly(Identifier.ip("127.0.0.1"));
    }

    @Test
    void namesLongerThan253CharactersAreMalformed() {
        String name = String.join(".", Collections.nCopies(64, "abc")) + ".com";

        assertThat(catchProblem(List.of(Identifier.dns(name))).problem().subproblems().get(0).detail())
                .isEqualTo("a DNS name must be at most 253 characters");
    }

    @Test
    void badIpAddressesAndUnknownTypes() {
        AcmeProblemException thrown = catchProblem(List.of(Identifier.ip("999.1.1.1"),
                new Identifier(IdentifierType.UNKNOWN, "a@b.example")));

        assertThat(thrown.problem().kind()).isEqualTo(ProblemType.COMPOUND);
        assertThat(thrown.problem().subproblems()).extracting(Problem::kind)
                .containsExactly(ProblemType.MALFORMED, ProblemType.UNSUPPORTED_IDENTIFIER);
    }

    @Test
    void severalFailuresOfOneTypeKeepThatType() {
        AcmeProblemException thrown = catchProblem(List.of(Identifier.dns("ok.example.com"),
                Identifier.dns("a_b.example.com"), Identifier.dns("c_d.example.com")));

        assertThat(thrown.problem().kind()).isEqualTo(ProblemType.MALFORMED);
        assertThat(thrown.problem().detail()).isEqualTo("cannot issue for 2 of the identifiers; see the subproblems");
        assertThat(thrown.problem().subproblems()).extracting(p -> p.identifier().value())
                .containsExactly("a_b.example.com", "c_d.example.com");
    }

    @Test
    void emptyAndOversizedOrders() {
        List<Identifier> many = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            many.add(Identifier.dns("n" + i + ".example.com"));
        }

        assertThat(catchProblem(List.of()).problem().detail()).isEqualTo("an order needs at least one identifier");
        assertThat(catchProblem(null).problem().kind()).isEqualTo(ProblemType.MALFORMED);
        assertThat(catchProblem(many).problem()).satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(ProblemType.REJECTED_IDENTIFIER);
            assertThat(problem.detail()).isEqualTo("an order may hold at most 100 identifiers, not 101");
        });
    }

    private AcmeProblemException catchProblem(List<Identifier> identifiers) {
        return catchProblem(policy, identifiers);
    }

    private static AcmeProblemException catchProblem(IdentifierPolicy policy, List<Identifier> identifiers) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> policy.normalize(identifiers));
        assertThat(thrown).isInstanceOf(AcmeProblemException.class);
        return (AcmeProblemException) thrown;
    }
}
