package dev.vacme.server.va;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.common.model.Identifier;
import dev.vacme.common.problem.Problem;
import dev.vacme.common.problem.ProblemType;
import dev.vacme.server.AcmeProblemException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.NetServer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * HTTP-01 against real responders on the port the validator uses: 127.0.0.1 (plain HTTP, the
 * names under {@code .test}), 127.0.0.2 (TLS, {@code secure.test}), 127.0.0.3 (not HTTP,
 * {@code garbage.test}); nothing listens on 127.0.0.4 ({@code refused.test}). 127.0.0.0/8 is an
 * allowed network.
 */
class Http01ValidatorTest {

    static final String THUMBPRINT = "9jg46WB3rR_AHD-EBXdN7cBkH1WOu0tA3M9fm21mqTI";
    static final String PREFIX = "/.well-known/acme-challenge/";

    private static Vertx vertx;
    private static ChallengeResponder http;
    private static ChallengeResponder https;
    private static int port;
    private static ValidationSettings settings;
    private static Http01Validator validator;
    private static final Promise<Void> hugeBodyConnectionClosed = Promise.promise();

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        http = ChallengeResponder.start(vertx, "127.0.0.1", 0);
        port = http.port();
        https = ChallengeResponder.startTls(vertx, "127.0.0.2", port);
        NetServer garbage = vertx.createNetServer().connectHandler(socket -> socket.handler(
                data -> socket.end(Buffer.buffer("SSH-2.0-OpenSSH_9.6\r\n\r\n"))));
        Await.result(garbage.listen(port, "127.0.0.3"));
        settings = ValidationSettings.defaults()
                .withHttp01Port(port)
                .withHostOverrides(List.of(HostOverride.parse("*.test=127.0.0.1"),
                        HostOverride.parse("secure.test=127.0.0.2"), HostOverride.parse("garbage.test=127.0.0.3"),
                        HostOverride.parse("refused.test=127.0.0.4")))
                .withAllowedNetworks(List.of(Cidr.parse("127.0.0.0/8")))
                .withTimeout(Duration.ofSeconds(5));
        validator = new Http01Validator(vertx, settings, HostResolver.forSettings(vertx, settings));
        routes();
    }

    private static void routes() {
        http.answer(PREFIX + "ok", 200, ka("ok"));
        http.answer(PREFIX + "trailing", 200, ka("trailing") + "\r\n\t \n");
        http.answer(PREFIX + "wrong", 200, "not the key authorization");
        http.answer(PREFIX + "leading", 200, " " + ka("leading"));
        http.answer(PREFIX + "empty", 200, "");
        http.answer(PREFIX + "binary", 200, "\u0000\u001b[31m<html>\"" + "x".repeat(200));
        http.answer(PREFIX + "broken", 500, ka("broken"));
        http.redirect(PREFIX + "moved", 302, "/elsewhere/moved?from=challenge");
        http.answer("/elsewhere/moved", 200, ka("moved"));
        http.redirect(PREFIX + "cross", 301, "http://b.test:" + port + "/cross");
        http.answer("/cross", 200, ka("cross"));
        http.redirect(PREFIX + "secure", 307, "https://secure.test:" + port + PREFIX + "secure");
        https.answer(PREFIX + "secure", 200, ka("secure") + "\n");
        http.redirect(PREFIX + "chain", 302, "/chain/1");
        for (int i = 1; i < 10; i++) {
            http.redirect("/chain/" + i, 308, "/chain/" + (i + 1));
        }
        http.answer("/chain/10", 200, ka("chain"));
        http.redirect(PREFIX + "loop", 302, PREFIX + "loop");
        http.redirect(PREFIX + "bad-port", 302, "http://a.test:1/x");
        http.redirect(PREFIX + "bad-scheme", 302, "ftp://a.test/x");
        http.redirect(PREFIX + "metadata", 302, "http://169.254.169.254/latest/meta-data/");
        http.redirect(PREFIX + "to-ipv6-loopback", 302, "http://[::1]:" + port + "/x");
        http.redirect(PREFIX + "to-nowhere", 302, "http://nothing.invalid/x");
        http.on(PREFIX + "no-location", request -> request.response().setStatusCode(302).end());
        http.answer(PREFIX + "at-limit", 200, ka("at-limit") + " ".repeat(1024 - ka("at-limit").length()));
        http.answer(PREFIX + "over-limit", 200, ka("over-limit") + " ".repeat(1025 - ka("over-limit").length()));
        http.on(PREFIX + "declared-huge", request -> request.response().putHeader("Content-Length", "100000")
                .end(Buffer.buffer(new byte[100_000])));
        http.on(PREFIX + "slammed", request -> request.connection().close());
        http.redirect(PREFIX + "tls-to-plain", 302, "https://a.test:" + port + "/plain");
        http.redirect(PREFIX + "to-garbage", 302, "http://garbage.test:" + port + "/x");
        http.on(PREFIX + "huge", request -> {
            HttpServerResponse response = request.response().setChunked(true);
            response.closeHandler(v -> hugeBodyConnectionClosed.tryComplete());
            writeForever(response);
        });
    }

    /** Writes 1 KiB chunks until the peer goes away. */
    private static void writeForever(HttpServerResponse response) {
        while (!response.writeQueueFull() && !response.closed()) {
            response.write(Buffer.buffer(ka("huge") + "x".repeat(1024 - ka("huge").length())));
        }
        if (!response.closed()) {
            response.drainHandler(v -> writeForever(response));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        Await.result(vertx.close());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', nullValues = "VALID", textBlock = """
            ok             | VALID             | VALID
            trailing       | VALID             | VALID
            moved          | VALID             | VALID
            cross          | VALID             | VALID
            secure         | VALID             | VALID
            chain          | VALID             | VALID
            at-limit       | VALID             | VALID
            wrong          | incorrectResponse | 127.0.0.1: The key authorization file from http://a.test:PORT/.well-known/acme-challenge/wrong did not match this challenge: expected "wrong.THUMB", received "not the key authorization"
            leading        | incorrectResponse | 127.0.0.1: The key authorization file from http://a.test:PORT/.well-known/acme-challenge/leading did not match this challenge: expected "leading.THUMB", received " leading.THUMB"
            empty          | incorrectResponse | 127.0.0.1: The key authorization file from http://a.test:PORT/.well-known/acme-challenge/empty did not match this challenge: expected "empty.THUMB", received ""
            binary         | incorrectResponse | 127.0.0.1: The key authorization file from http://a.test:PORT/.well-known/acme-challenge/binary did not match this challenge: expected "binary.THUMB", received "\\x00\\x1b[31m<html>\\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"...
            missing        | unauthorized      | 127.0.0.1: Invalid response from http://a.test:PORT/.well-known/acme-challenge/missing: HTTP 404
            broken         | unauthorized      | 127.0.0.1: Invalid response from http://a.test:PORT/.well-known/acme-challenge/broken: HTTP 500
            no-location    | unauthorized      | 127.0.0.1: Invalid response from http://a.test:PORT/.well-known/acme-challenge/no-location: HTTP 302 redirect without a Location header
            over-limit     | unauthorized      | 127.0.0.1: Invalid response from http://a.test:PORT/.well-known/acme-challenge/over-limit: the body is larger than 1024 bytes (a key authorization is far shorter)
            declared-huge  | unauthorized      | 127.0.0.1: Invalid response from http://a.test:PORT/.well-known/acme-challenge/declared-huge: the body is larger than 1024 bytes (a key authorization is far shorter)
            huge           | unauthorized      | 127.0.0.1: Invalid response from http://a.test:PORT/.well-known/acme-challenge/huge: the body is larger than 1024 bytes (a key authorization is far shorter)
            loop           | connection        | Too many redirects: http://a.test:PORT/.well-known/acme-challenge/loop redirected more than 10 times; the last, from http://a.test:PORT/.well-known/acme-challenge/loop, pointed to "/.well-known/acme-challenge/loop"
            bad-port       | connection        | Redirect from http://a.test:PORT/.well-known/acme-challenge/bad-port to "http://a.test:1/x" refused: only ports 80, 443 and PORT are followed
            bad-scheme     | connection        | Redirect from http://a.test:PORT/.well-known/acme-challenge/bad-scheme to "ftp://a.test/x" refused: only http and https redirects are followed
            metadata       | connection        | Fetching http://169.254.169.254/latest/meta-data/: validation may not connect to 169.254.169.254 (a link-local address)
            to-ipv6-loopback | connection      | Fetching http://[::1]:PORT/x: validation may not connect to ::1 (a loopback address)
            slammed        | connection        | 127.0.0.1: Fetching http://a.test:PORT/.well-known/acme-challenge/slammed: The connection was closed before a complete response was received
            tls-to-plain   | tls               | 127.0.0.1: Fetching https://a.test:PORT/plain: TLS handshake failed
            to-garbage     | connection        | 127.0.0.3: Fetching http://garbage.test:PORT/x: The server did not send a valid HTTP response
            to-nowhere     | dns               | DNS problem: NXDOMAIN looking up A and AAAA for nothing.invalid (the .invalid top-level domain never exists, RFC 6761)
            """)
    void validates(String token, String type, String detail) throws Exception {
        Problem problem = validate(validator, Identifier.dns("a.test"), token);
        if (type == null) {
            assertThat(problem).isNull();
        } else {
            assertThat(problem).isNotNull();
            assertThat(problem.type()).isEqualTo(ProblemType.URN_PREFIX + type);
            assertThat(problem.status()).isEqualTo(ProblemType.fromUrn(problem.type()).defaultStatus());
            assertThat(problem.detail()).isEqualTo(detail.replace("PORT", String.valueOf(port))
                    .replace("THUMB", THUMBPRINT));
        }
    }

    @Test
    void sendsTheIdentifierAsHostAndIdentifiesItself() throws Exception {
        assertThat(validate(validator, Identifier.dns("www.a.test"), "ok")).isNull();
        assertThat(http.seen(PREFIX + "ok")).anySatisfy(seen -> {
            assertThat(seen.host()).isEqualTo("www.a.test:" + port);
            assertThat(seen.userAgent()).startsWith("Vacme-VA/").contains("HTTP-01");
        });
    }

    @Test
    void redirectsToAnotherHostSendThatHost() throws Exception {
        assertThat(validate(validator, Identifier.dns("a.test"), "cross")).isNull();
        assertThat(http.seen("/cross")).map(ChallengeResponder.Seen::host).contains("b.test:" + port);
    }

    @Test
    void anHttpsRedirectSkipsCertificateChecksButSendsSni() throws Exception {
        assertThat(validate(validator, Identifier.dns("a.test"), "secure")).isNull();
        assertThat(https.seen(PREFIX + "secure")).anySatisfy(seen -> {
            assertThat(seen.sni()).isEqualTo("secure.test");
            assertThat(seen.host()).isEqualTo("secure.test:" + port);
            assertThat(seen.localAddress()).isEqualTo("127.0.0.2");
        });
    }

    @Test
    void followsExactlyTheRedirectLimit() throws Exception {
        int before = http.seen(PREFIX + "loop").size();
        assertThat(validate(validator, Identifier.dns("a.test"), "loop")).isNotNull();
        assertThat(http.seen(PREFIX + "loop")).hasSize(before + 11);
    }

    @Test
    void stopsReadingAnEndlessBodyAndDropsTheConnection() throws Exception {
        Problem problem = validate(validator, Identifier.dns("endless.test"), "huge");
        assertThat(problem.type()).isEqualTo(ProblemType.UNAUTHORIZED.urn());
        Await.result(hugeBodyConnectionClosed.future());
    }

    @Test
    void connectionRefused() throws Exception {
        assertThat(validate(validator, Identifier.dns("refused.test"), "ok")).isEqualTo(Problem.of(
                ProblemType.CONNECTION, "127.0.0.4: Fetching http://refused.test:" + port
                        + "/.well-known/acme-challenge/ok: Connection refused"));
    }

    @Test
    void loopbackIsRefusedWithoutAnAllowedNetwork() throws Exception {
        ValidationSettings strict = settings.withAllowedNetworks(List.of());
        Http01Validator strictValidator = new Http01Validator(vertx, strict, HostResolver.forSettings(vertx, strict));
        assertThat(validate(strictValidator, Identifier.dns("a.test"), "never-reached")).isEqualTo(Problem.of(
                ProblemType.CONNECTION, "Fetching http://a.test:" + port + "/.well-known/acme-challenge/never-reached: "
                        + "a.test resolves to 127.0.0.1 (a loopback address), which validation may not connect to"));
        assertThat(validate(strictValidator, Identifier.ip("127.0.0.1"), "never-reached")).isEqualTo(Problem.of(
                ProblemType.CONNECTION, "Fetching http://127.0.0.1:" + port + "/.well-known/acme-challenge/never-reached: "
                        + "validation may not connect to 127.0.0.1 (a loopback address)"));
        assertThat(http.seen(PREFIX + "never-reached")).isEmpty();
    }

    @Test
    void anAllowedAddressIsReachedEvenWhenOthersAreRefused() throws Exception {
        ValidationSettings mixed = settings.withHostOverrides(List.of(HostOverride.parse("mixed.test=169.254.169.254"),
                HostOverride.parse("mixed.test=127.0.0.1")));
        Http01Validator mixedValidator = new Http01Validator(vertx, mixed, HostResolver.forSettings(vertx, mixed));
        assertThat(validate(mixedValidator, Identifier.dns("mixed.test"), "ok")).isNull();
    }

    @Test
    void ipIdentifiersSkipResolution() throws Exception {
        assertThat(validate(validator, Identifier.ip("127.0.0.1"), "ok")).isNull();
        assertThat(http.seen(PREFIX + "ok")).map(ChallengeResponder.Seen::host).contains("127.0.0.1:" + port);
    }

    @Test
    void nonexistentNameIsADnsProblem() throws Exception {
        assertThat(validate(validator, Identifier.dns("nothing.invalid"), "ok")).isEqualTo(Problem.of(ProblemType.DNS,
                "DNS problem: NXDOMAIN looking up A and AAAA for nothing.invalid (the .invalid top-level domain never exists, RFC 6761)"));
    }

    @Test
    void aResponderThatNeverAnswersTimesOut() throws Exception {
        http.on(PREFIX + "hang", request -> { });
        http.on(PREFIX + "drip", request -> request.response().setChunked(true).write("drip"));
        ValidationSettings quick = settings.withTimeout(Duration.ofMillis(300));
        Http01Validator quickValidator = new Http01Validator(vertx, quick, HostResolver.forSettings(vertx, quick));
        for (String token : List.of("hang", "drip")) {
            long start = System.nanoTime();
            Problem problem = validate(quickValidator, Identifier.dns("a.test"), token);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            assertThat(problem).isEqualTo(Problem.of(ProblemType.CONNECTION, "127.0.0.1: Fetching http://a.test:" + port
                    + "/.well-known/acme-challenge/" + token
                    + ": Timeout after connect (no complete response within the 300 ms a validation may take)"));
        }
    }

    @Test
    void asksTheConfiguredDnsServer() throws Exception {
        try (FakeDnsServer dns = FakeDnsServer.start(vertx)) {
            dns.answer("challenge.example", FakeDnsServer.Answer.of(java.net.InetAddress.getByName("127.0.0.1")));
            ValidationSettings withDns = settings.withHostOverrides(List.of())
                    .withDnsResolver(Optional.of(DnsServer.parse("127.0.0.1:" + dns.port())));
            Http01Validator dnsValidator = new Http01Validator(vertx, withDns, HostResolver.forSettings(vertx, withDns));
            assertThat(validate(dnsValidator, Identifier.dns("challenge.example"), "ok")).isNull();
            assertThat(validate(dnsValidator, Identifier.dns("missing.example"), "ok")).isEqualTo(Problem.of(
                    ProblemType.DNS, "DNS problem: NXDOMAIN looking up A and AAAA for missing.example (the name does not exist)"));
        }
    }

    /** Runs one validation; returns null when it passed, else its problem. */
    static Problem validate(Http01Validator validator, Identifier identifier, String token) throws Exception {
        Future<Void> result = validator.validate(new ValidationRequest("http-01", identifier, token, ka(token), "acct"));
        try {
            Await.result(result);
            return null;
        } catch (AcmeProblemException e) {
            return e.problem();
        }
    }

    static String ka(String token) {
        return token + "." + THUMBPRINT;
    }

}
