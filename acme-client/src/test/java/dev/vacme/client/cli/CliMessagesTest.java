package dev.vacme.client.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.vacme.client.acme.TransportFactory;
import dev.vacme.client.testing.CliRunner;
import dev.vacme.client.testing.CliRunner.Result;
import dev.vacme.client.testing.FakeAcme;
import dev.vacme.client.testing.HostileServer;
import dev.vacme.common.model.Identifier;
import dev.vacme.common.problem.Problem;
import dev.vacme.common.problem.ProblemType;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the operator reads when something goes wrong: one line that says what happened and what
 * to do, the cause kept, no Java, printed once; and the exit code (1 failure, 2 usage).
 */
class CliMessagesTest {

    private static final TransportFactory NO_NETWORK = settings -> request -> {
        throw new AssertionError("unexpected network access: " + request.method() + " " + request.uri());
    };

    @TempDir
    Path home;

    private CliRunner cli;

    @BeforeEach
    void setUp() {
        cli = new CliRunner(home).transports(NO_NETWORK);
    }

    private Result certonly(URI server, String... more) {
        List<String> args = new ArrayList<>(List.of("certonly", "-n", "-d", "a.test", "--standalone",
                "--register-unsafely-without-email", "--agree-tos", "--server", server.toString()));
        args.addAll(List.of(more));
        return cli.run(args.toArray(String[]::new));
    }

    private static void assertFailure(Result result, int exitCode, String stderr) {
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(exitCode);
        assertThat(result.err()).as(result.toString()).isEqualTo(stderr);
        assertThat(result.out()).as(result.toString()).isEmpty();
    }

    @Test
    void anUntrustedServerCertificateSaysWhichFlagTrustsIt() throws Exception {
        try (HostileServer server = HostileServer.httpsSelfSigned((request, out) ->
                HostileServer.head(out, 200, "Content-Length: 0"))) {
            URI directory = server.url("/dir");

            Result result = cli.transports(TransportFactory.JDK).run("register", "-n", "--agree-tos",
                    "--register-unsafely-without-email", "--server", directory.toString());

            assertFailure(result, 1, "error: cannot reach " + directory + ": the server's certificate is not trusted"
                    + " by this machine; give the CA's root with --ca-bundle FILE\n");
        }
    }

    @Test
    void aRefusedConnectionIsCalledThat() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        URI directory = URI.create("https://127.0.0.1:" + port + "/dir");

        Result result = cli.transports(TransportFactory.JDK).run("certonly", "-n", "-d", "a.test", "--standalone",
                "--register-unsafely-without-email", "--agree-tos", "--server", directory.toString());

        assertFailure(result, 1, "error: cannot reach " + directory + ": connection refused\n");
    }

    @Test
    void anUnknownHostIsCalledThat() {
        URI directory = URI.create("https://no-such-host.invalid/dir");

        Result result = cli.transports(TransportFactory.JDK).run("register", "-n", "--agree-tos",
                "--register-unsafely-without-email", "--server", directory.toString());

        assertFailure(result, 1, "error: cannot reach " + directory + ": no such host no-such-host.invalid\n");
    }

    @Test
    void aUrlThatIsNotADirectoryIsReportedBeforeAnythingAboutAccounts() throws Exception {
        try (HostileServer server = HostileServer.httpsSelfSigned((request, out) -> {
            byte[] problem = "{\"type\":\"urn:ietf:params:acme:error:malformed\",\"detail\":\"no ACME resource at /wrong\"}"
                    .getBytes(StandardCharsets.UTF_8);
            HostileServer.head(out, 404, "Content-Type: application/problem+json", "Content-Length: " + problem.length);
            out.write(problem);
        })) {
            URI wrong = server.url("/wrong");
            Path bundle = server.writeCertificate(home.resolve("ca.pem"));

            Result result = cli.transports(TransportFactory.JDK).run("register", "-n", "--agree-tos",
                "--register-unsafely-without-email", "--server", wrong.toString(), "--ca-bundle", bundle.toString());

            assertFailure(result, 1, "error: " + wrong + " is not an ACME directory (no newNonce/newAccount): the server"
                    + " answered malformed: no ACME resource at /wrong\n");
        }
    }

    @Test
    void aServerProblemIsPrintedOnce() {
        FakeAcme acme = new FakeAcme().refusingOrders(payload -> new Problem(ProblemType.REJECTED_IDENTIFIER.urn(),
                null, 400, "cannot issue for \"a.test\": the name is blocked", null, null,
                List.of(Problem.of(ProblemType.REJECTED_IDENTIFIER, "the name is blocked")
                        .withIdentifier(Identifier.dns("a.test"))), null));

        Result result = cli.transports(settings -> acme).run("certonly", "-n", "-d", "a.test", "--standalone",
                "--http-01-port", "8080", "--register-unsafely-without-email", "--agree-tos",
                "--server", FakeAcme.DIRECTORY.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.err()).as(result.toString()).isEqualTo(
                "error: rejectedIdentifier: cannot issue for \"a.test\": the name is blocked\n");
    }

    @Test
    void aConfigDirectoryThatIsAFileSaysSo() throws IOException {
        Path file = Files.writeString(home.resolve("not-a-dir"), "x");
        FakeAcme acme = new FakeAcme();

        Result result = cli.transports(settings -> acme).run("register", "-n", "--agree-tos",
                "--register-unsafely-without-email", "--server", FakeAcme.DIRECTORY.toString(),
                "--config-dir", file.toString());

        assertFailure(result, 1, "error: cannot save the account key in " + file + "/accounts/ca.test/dir: " + file
                + ": exists and is not a directory\n");
    }

    @Test
    void aConfigDirectoryWithoutWritePermissionSaysSo() throws IOException {
        assumeFalse("root".equals(System.getProperty("user.name")), "root may write anywhere");
        Path readOnly = Files.createDirectories(home.resolve("ro"));
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-x------"));
        FakeAcme acme = new FakeAcme();

        Result result = cli.transports(settings -> acme).run("register", "-n", "--agree-tos",
                "--register-unsafely-without-email", "--server", FakeAcme.DIRECTORY.toString(),
                "--config-dir", readOnly.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.err()).as(result.toString()).endsWith(": permission denied\n");
    }

    @Test
    void anInternationalisedNameIsOrderedAsPunycode() {
        FakeAcme acme = new FakeAcme();

        Result result = cli.transports(settings -> acme).sleeper(duration -> { }).run("certonly", "-n",
                "-d", "Bücher.test", "--standalone", "--http-01-port", "8080", "--register-unsafely-without-email",
                "--agree-tos", "--server", FakeAcme.DIRECTORY.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(acme.newOrders().get(0).get("identifiers").get(0).get("value").asText())
                .isEqualTo("xn--bcher-kva.test");
        assertThat(home.resolve(".config/vacme/live/xn--bcher-kva.test/cert.pem")).exists();
    }

    @Test
    void unknownCommandListsTheCommands() {
        Result result = cli.run("frobnicate");

        assertFailure(result, 2, "error: unknown command 'frobnicate'; commands: register, show-account,"
                + " update-account, unregister, certonly, run, install, verify, reconfigure, renew, certificates,"
                + " revoke, delete\nTry 'vacme --help' for usage.\n");
    }

    @Test
    void noArgumentsPrintsTheUsageAndExitsTwo() {
        Result result = cli.run();

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).startsWith("Usage: vacme ").contains("Commands:");
    }

    @Test
    void aMissingWebrootIsReportedBeforeAnyNetworkAccess() {
        Result result = cli.run("certonly", "-n", "-d", "a.test", "--webroot", "-w", "/nonexistent",
                "--server", "https://ca.test/dir");

        assertFailure(result, 2, "error: -w /nonexistent does not exist; give the document root the web server"
                + " serves the names from\n");
    }

    @Test
    void aWebrootThatIsAFileIsReportedBeforeAnyNetworkAccess() throws IOException {
        Path file = Files.writeString(home.resolve("index.html"), "x");

        Result result = cli.run("certonly", "-n", "-d", "a.test", "--webroot", "-w", file.toString(),
                "--server", "https://ca.test/dir");

        assertFailure(result, 2, "error: -w " + file + " is not a directory; give the document root the web server"
                + " serves the names from\n");
    }

    @Test
    void badDomainNamesAreReportedAsTheDashDName() {
        assertFailure(cli.run("certonly", "-n", "-d", "-x.test", "--standalone", "--server", "https://ca.test/dir"),
                2, "error: -d '-x.test' is not a valid domain name: a label may not start or end with '-'\n");
        assertFailure(cli.run("certonly", "-n", "-d", "ex ample", "--standalone", "--server", "https://ca.test/dir"),
                2, "error: -d 'ex ample' is not a valid domain name: use letters, digits and '-' between the dots"
                        + " (a wildcard only as a leading '*.')\n");
        assertFailure(cli.run("certonly", "-n", "-d", "a..test", "--standalone", "--server", "https://ca.test/dir"),
                2, "error: -d 'a..test' is not a valid domain name: it has an empty label (two dots in a row, or a"
                        + " dot at the start)\n");
    }

    @Test
    void plainHttpServersAreRefusedUpFront() {
        assertFailure(cli.run("certonly", "-n", "-d", "a.test", "--standalone", "--server", "http://ca.test/dir"),
                2, "error: --server must be an https:// URL: ACME runs over HTTPS only (RFC 8555 §6.1), not"
                        + " http://ca.test/dir\n");
    }
}
