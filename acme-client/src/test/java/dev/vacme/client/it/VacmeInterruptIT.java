package dev.vacme.client.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.client.acme.AcmeAccount;
import dev.vacme.client.acme.AcmeSession;
import dev.vacme.client.acme.JdkTransport;
import dev.vacme.client.acme.TransportSettings;
import dev.vacme.client.store.AccountStore;
import dev.vacme.client.store.ConfigLayout;
import dev.vacme.client.store.ConfigLock;
import dev.vacme.client.store.StoredAccount;
import dev.vacme.client.testing.AcmeTestServer;
import dev.vacme.client.testing.VacmeServerProcess;
import dev.vacme.common.model.AuthorizationStatus;
import dev.vacme.common.model.Order;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A real signal to a real {@code vacme} process (the shaded jar in its own JVM) while its
 * manual-auth-hook waits: the run stops, cleans up and says so, against Vacme's own server.
 */
class VacmeInterruptIT extends AcmeServerTestBase {

    @Override
    AcmeTestServer startServer(Path dir) throws IOException {
        return VacmeServerProcess.start(dir.resolve("server-data"));
    }

    @ParameterizedTest
    @CsvSource({"TERM, 143", "INT, 130"})
    void aSignalDuringCertonlyRunsTheCleanupHookDeactivatesTheAuthorizationAndReleasesTheLock(String signal,
            int exitCode) throws Exception {
        Path challenges = Files.createDirectories(home.resolve("challenges"));
        Path log = home.resolve("vacme.log");
        String authHook = "printf %s \"$CERTBOT_VALIDATION\" > " + challenges + "/$CERTBOT_TOKEN; touch " + home
                + "/published; sleep 60";
        String cleanupHook = "rm -f " + challenges + "/$CERTBOT_TOKEN; echo \"$CERTBOT_DOMAIN\" >> " + home
                + "/cleaned";
        Process vacme = start(log, "-v", "certonly", "--manual", "--preferred-challenges", "http",
                "--manual-auth-hook", authHook, "--manual-cleanup-hook", cleanupHook, "-d", "signal.test",
                "--agree-tos", "--register-unsafely-without-email");
        try {
            awaitFile(home.resolve("published"), vacme, log);

            new ProcessBuilder("kill", "-" + signal, Long.toString(vacme.pid())).start().waitFor();

            assertThat(vacme.waitFor(60, TimeUnit.SECONDS)).as("vacme stopped").isTrue();
        } finally {
            vacme.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(vacme.exitValue()).as(output).isEqualTo(exitCode);
        assertThat(output.lines().filter(line -> line.startsWith("vacme: interrupted") || line.startsWith("error:")))
                .containsExactly("vacme: interrupted by SIG" + signal + "; stopped after cleaning up (hooks, challenge"
                        + " responses, pending authorizations, lock)");
        assertThat(Files.readAllLines(home.resolve("cleaned"))).containsExactly("signal.test");
        try (Stream<Path> left = Files.list(challenges)) {
            assertThat(left).isEmpty();
        }
        assertThat(live("signal.test")).doesNotExist();
        try (ConfigLock lock = ConfigLock.tryAcquire(new ConfigLayout(config)).orElseThrow()) {
            assertThat(lock).isNotNull();
        }
        assertThat(authorizationStatus(orderUrl(output))).isEqualTo(AuthorizationStatus.DEACTIVATED);
    }

    private Process start(Path log, String... args) throws IOException {
        String jar = System.getProperty("vacme.jar", "target/vacme.jar");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", jar));
        command.addAll(List.of(withServer(args)));
        return new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
    }

    private static void awaitFile(Path file, Process vacme, Path log) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!Files.exists(file)) {
            if (!vacme.isAlive() || Instant.now().isAfter(deadline)) {
                throw new AssertionError("the manual-auth-hook never ran: " + Files.readString(log));
            }
            Thread.sleep(100);
        }
    }

    private static URI orderUrl(String output) {
        Matcher matcher = Pattern.compile("created order (\\S+)").matcher(output);
        assertThat(matcher.find()).as(output).isTrue();
        return URI.create(matcher.group(1));
    }

    /** Asks the server, with the account the run registered, how the order's authorization ended. */
    private AuthorizationStatus authorizationStatus(URI orderUrl) {
        StoredAccount stored = new AccountStore(new ConfigLayout(config)).load(server.directoryUrl()).orElseThrow();
        AcmeSession session = new AcmeSession(server.directoryUrl(), new JdkTransport(new TransportSettings(
                List.of(server.caBundle()), Duration.ofSeconds(5), Duration.ofSeconds(10), "test")),
                Clock.systemUTC());
        AcmeAccount account = new AcmeAccount(session, stored.keys(), stored.url());
        Order order = account.order(orderUrl).value();
        return account.authorization(order.authorizations().get(0)).value().status();
    }
}
