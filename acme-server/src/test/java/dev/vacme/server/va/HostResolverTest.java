package dev.vacme.server.va;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.common.pki.IpAddresses;
import dev.vacme.common.problem.ProblemType;
import dev.vacme.server.AcmeProblemException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostResolverTest {

    private static Vertx vertx;
    private static FakeDnsServer dns;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        dns = FakeDnsServer.start(vertx);
        dns.answer("both.example", FakeDnsServer.Answer.of(ip("192.0.2.1"), ip("2001:db8::1")));
        dns.answer("v4.example", FakeDnsServer.Answer.of(ip("192.0.2.4"), ip("192.0.2.5")));
        dns.answer("v6.example", FakeDnsServer.Answer.of(ip("2001:db8::6")));
        dns.answer("empty.example", FakeDnsServer.Answer.of());
        dns.answer("broken.example", FakeDnsServer.Answer.code(FakeDnsServer.SERVFAIL));
        dns.answer("refused.example", FakeDnsServer.Answer.code(5));
        dns.answer("silent.example", FakeDnsServer.Answer.silence());
        dns.answer("challenge.example", FakeDnsServer.Answer.of(ip("127.0.0.1")));
    }

    @AfterAll
    static void stop() throws Exception {
        dns.close();
        Await.result(vertx.close());
    }

    /** A delegate that records which names reached it. */
    private static final class Recording implements HostResolver {
        final List<String> asked = new CopyOnWriteArrayList<>();

        @Override
        public Future<List<InetAddress>> resolve(String hostName) {
            asked.add(hostName);
            return Future.succeededFuture(List.of(ip("198.51.100.1")));
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            x.test        | 127.0.0.1
            deep.x.y.test | 127.0.0.1
            a.test        | ::1 127.0.0.2
            A.TEST.       | ::1 127.0.0.2
            www.a.test    | 127.0.0.1
            b.test        | 127.0.0.1
            www.b.test    | 10.0.0.1
            q.www.b.test  | 10.0.0.1
            other.example | 198.51.100.1
            test          | 198.51.100.1
            """)
    void overridesComeFirstAndTheMostSpecificWins(String name, String expected) throws Exception {
        Recording delegate = new Recording();
        HostResolver resolver = new ConfiguredHostResolver(List.of(
                HostOverride.parse("*.test=127.0.0.1"),
                HostOverride.parse("a.test=::1"),
                HostOverride.parse("a.test=127.0.0.2"),
                HostOverride.parse("*.b.test=10.0.0.1")), delegate);
        assertThat(Await.result(resolver.resolve(name))).map(AddressFormat::text)
                .containsExactly(expected.split(" "));
        assertThat(delegate.asked).hasSize(expected.equals("198.51.100.1") ? 1 : 0);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            nothing.invalid  | DNS problem: NXDOMAIN looking up A and AAAA for nothing.invalid (the .invalid top-level domain never exists, RFC 6761)
            A.B.INVALID.     | DNS problem: NXDOMAIN looking up A and AAAA for a.b.invalid (the .invalid top-level domain never exists, RFC 6761)
            invalid          | DNS problem: NXDOMAIN looking up A and AAAA for invalid (the .invalid top-level domain never exists, RFC 6761)
            'a b.test'       | DNS problem: "a b.test" is not a valid host name
            a..test          | DNS problem: "a..test" is not a valid host name
            """)
    void invalidNamesFailWithoutAskingAnyone(String name, String detail) throws Exception {
        Recording delegate = new Recording();
        HostResolver resolver = new ConfiguredHostResolver(List.of(), delegate);
        assertDnsProblem(resolver.resolve(name), detail);
        assertThat(delegate.asked).isEmpty();
    }

    @Test
    void systemResolverFailsForANameThatDoesNotExist() throws Exception {
        assertDnsProblem(new SystemHostResolver(vertx).resolve("nothing-here.invalid"),
                "DNS problem: no A or AAAA record found for nothing-here.invalid (the name does not exist, or has no addresses)");
    }

    @Test
    void systemResolverFindsLocalhost() throws Exception {
        assertThat(Await.result(new SystemHostResolver(vertx).resolve("localhost"))).map(AddressFormat::text)
                .containsAnyOf("127.0.0.1", "::1");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            both.example | 2001:db8::1 192.0.2.1
            v4.example   | 192.0.2.4 192.0.2.5
            V6.Example   | 2001:db8::6
            """)
    void dnsServerAnswers(String name, String expected) throws Exception {
        HostResolver resolver = new DnsServerHostResolver(vertx, dnsServer(), Duration.ofSeconds(5));
        assertThat(Await.result(resolver.resolve(name))).map(AddressFormat::text)
                .containsExactly(expected.split(" "));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            missing.example | DNS problem: NXDOMAIN looking up A and AAAA for missing.example (the name does not exist)
            empty.example   | DNS problem: no A or AAAA record found for empty.example
            broken.example  | DNS problem: SERVFAIL looking up broken.example at 127.0.0.1:PORT
            refused.example | DNS problem: REFUSED looking up refused.example at 127.0.0.1:PORT
            silent.example  | DNS problem: no answer from 127.0.0.1:PORT looking up silent.example (query timed out or failed)
            """)
    void dnsServerFailures(String name, String detail) throws Exception {
        HostResolver resolver = new DnsServerHostResolver(vertx, dnsServer(), Duration.ofMillis(300));
        assertDnsProblem(resolver.resolve(name), detail.replace("PORT", String.valueOf(dns.port())));
    }

    @Test
    void settingsChooseTheDnsServerAfterTheOverrides() throws Exception {
        ValidationSettings settings = ValidationSettings.defaults()
                .withHostOverrides(List.of(HostOverride.parse("*.test=10.1.1.1")))
                .withDnsResolver(Optional.of(dnsServer()));
        HostResolver resolver = HostResolver.forSettings(vertx, settings);
        assertThat(Await.result(resolver.resolve("a.test"))).map(AddressFormat::text).containsExactly("10.1.1.1");
        assertThat(Await.result(resolver.resolve("challenge.example"))).map(AddressFormat::text)
                .containsExactly("127.0.0.1");
        assertDnsProblem(resolver.resolve("missing.example"),
                "DNS problem: NXDOMAIN looking up A and AAAA for missing.example (the name does not exist)");
    }

    @Test
    void settingsWithoutDnsServerUseTheSystemResolver() throws Exception {
        HostResolver resolver = HostResolver.forSettings(vertx, ValidationSettings.defaults());
        assertThat(resolver).isInstanceOf(ConfiguredHostResolver.class);
        assertThat(Await.result(resolver.resolve("localhost"))).map(AddressFormat::text).containsAnyOf("127.0.0.1", "::1");
        assertDnsProblem(resolver.resolve("challenge.example.invalid"),
                "DNS problem: NXDOMAIN looking up A and AAAA for challenge.example.invalid (the .invalid top-level domain never exists, RFC 6761)");
    }

    private static DnsServer dnsServer() {
        return DnsServer.parse("127.0.0.1:" + dns.port());
    }

    private static void assertDnsProblem(Future<?> future, String detail) throws Exception {
        assertThat(Await.failure(future)).isInstanceOfSatisfying(AcmeProblemException.class, e -> {
            assertThat(e.problem().kind()).isEqualTo(ProblemType.DNS);
            assertThat(e.problem().status()).isEqualTo(400);
            assertThat(e.problem().detail()).isEqualTo(detail);
        });
    }

    private static InetAddress ip(String text) {
        return IpAddresses.parse(text).orElseThrow();
    }
}
