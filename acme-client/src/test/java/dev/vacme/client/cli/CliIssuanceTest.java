package dev.vacme.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.client.store.ConfigLayout;
import dev.vacme.client.store.ConfigLock;
import dev.vacme.client.testing.CliRunner.Result;
import dev.vacme.client.testing.CliRunner;
import dev.vacme.client.testing.FakeAcme;
import dev.vacme.client.testing.RecordingSleeper;
import dev.vacme.common.model.Identifier;
import dev.vacme.common.pki.CsrBuilder;
import dev.vacme.common.pki.KeyType;
import dev.vacme.common.pki.Pem;
import dev.vacme.common.testing.SettableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line run in-process against {@link FakeAcme}: issuance paths that need a server. */
class CliIssuanceTest {

    @TempDir
    Path home;

    private final FakeAcme acme = new FakeAcme();
    private CliRunner cli;

    @BeforeEach
    void setUp() {
        cli = new CliRunner(home).transports(settings -> acme).sleeper(RecordingSleeper.realUpTo(Duration.ZERO));
    }

    private Result vacme(String... args) {
        List<String> all = new ArrayList<>(List.of("--server", FakeAcme.DIRECTORY.toString(), "-n"));
        all.addAll(List.of(args));
        return cli.run(all.toArray(String[]::new));
    }

    @Test
    void aCertificateForACsrThatDoesNotMatchItIsNotWritten() throws Exception {
        byte[] der = new CsrBuilder().dns(List.of("csr.test")).build(KeyType.EC_P256.generate());
        Files.writeString(home.resolve("req.pem"), Pem.encodeCsr(der));
        acme.issuing((key, identifiers) -> acme.issue(key, List.of(Identifier.dns("other.test"))));

        Result result = vacme("certonly", "--standalone", "--csr", "req.pem", "--register-unsafely-without-email",
                "--agree-tos");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.err()).contains("names other.test instead of the ordered csr.test; nothing was installed");
        assertThat(home.resolve("0000_cert.pem")).doesNotExist();
    }

    private String conf(String name) throws IOException {
        return Files.readString(home.resolve(".config/vacme/renewal/" + name + ".conf"));
    }

    @Test
    void expandReplacesALineagesCertificateWithOneForMoreNames() throws Exception {
        assertThat(vacme("certonly", "--standalone", "-d", "a.test", "--register-unsafely-without-email",
                "--agree-tos").exitCode()).isZero();

        Result refused = vacme("certonly", "-d", "a.test", "-d", "www.a.test");
        Result expanded = vacme("certonly", "-d", "a.test", "-d", "www.a.test", "--expand");
        Result confirmed = cli.terminal(true).stdin("y\n").run("certonly", "-d", "a.test", "-d", "b.test");

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(expanded.exitCode()).as(expanded.toString()).isZero();
        assertThat(confirmed.exitCode()).as(confirmed.toString()).isZero();
        assertThat(conf("a.test")).contains("domains = a.test, b.test\n");
        assertThat(Files.readSymbolicLink(home.resolve(".config/vacme/live/a.test")))
                .isEqualTo(Path.of("../archive/a.test/3"));
    }

    @Test
    void renewTakesAuthenticatorOptionsAndRemembersThemAfterARenewal() throws Exception {
        Path webroot = Files.createDirectories(home.resolve("www"));
        assertThat(vacme("certonly", "--standalone", "--http-01-port", "8080", "-d", "a.test",
                "--register-unsafely-without-email", "--agree-tos").exitCode()).isZero();
        acme.withPendingAuthorizations();

        Result renewed = vacme("renew", "--force-renewal", "--no-random-sleep-on-renew", "--webroot", "-w",
                webroot.toString());

        assertThat(renewed.exitCode()).as(renewed.toString()).isZero();
        assertThat(conf("a.test")).contains("authenticator = webroot\n", "[webroot_map]\na.test = " + webroot + "\n")
                .doesNotContain("http_01_port");
        assertThat(webroot.resolve(".well-known")).doesNotExist();
    }

    @Test
    void aRenewAskedForExplicitlySkipsTheRandomDelayAndSaysNothingAboutIt() {
        assertThat(vacme("certonly", "--standalone", "-d", "a.test", "--register-unsafely-without-email",
                "--agree-tos").exitCode()).isZero();
        acme.withPendingAuthorizations();

        Result forced = vacme("renew", "--force-renewal");
        Result named = vacme("renew", "--cert-name", "a.test", "--force-renewal");

        assertThat(forced.exitCode()).as(forced.toString()).isZero();
        assertThat(named.exitCode()).as(named.toString()).isZero();
        assertThat(forced.err() + named.err()).doesNotContain("waiting");
    }

    @Test
    void aPlainRenewFindingAStuckLockFailsNamingItsHolderEvenWithQuiet() throws Exception {
        assertThat(vacme("certonly", "--standalone", "-d", "a.test", "--register-unsafely-without-email",
                "--agree-tos").exitCode()).isZero();
        Path config = home.resolve(".config/vacme");
        SettableClock clock = new SettableClock(Instant.now().plus(Duration.ofDays(80)));
        cli.clock(clock).sleeper(RecordingSleeper.advancing(clock));
        Instant since = clock.instant().minus(Duration.ofHours(3));

        Result stuck;
        Result waited;
        try (ConfigLock held = ConfigLock.tryAcquire(new ConfigLayout(config), since).orElseThrow()) {
            stuck = vacme("renew", "-q", "--no-random-sleep-on-renew", "--stuck-lock-after", "7200");
            waited = vacme("renew", "--cert-name", "a.test", "--force-renewal", "--lock-timeout", "1");
        }

        long pid = ProcessHandle.current().pid();
        assertThat(stuck.exitCode()).isEqualTo(1);
        assertThat(stuck.out()).isEmpty();
        assertThat(stuck.err()).isEqualTo("error: another vacme run (pid " + pid + ") has held the lock on " + config
                + " since " + since + " (3h00m), longer than a run takes (--stuck-lock-after 7200); nothing was"
                + " renewed. If that process is stuck, stop it\n");
        assertThat(waited.exitCode()).isEqualTo(1);
        assertThat(waited.err()).endsWith("error: another vacme run (pid " + pid + ", holding it since " + since
                + ") still holds the lock on " + config + " after 1s (--lock-timeout); nothing was renewed\n");
    }

    @Test
    void certonlyWaitsForAnotherRunsLockThenFailsNamingItsHolder() throws Exception {
        assertThat(vacme("certonly", "--standalone", "-d", "a.test", "--register-unsafely-without-email",
                "--agree-tos").exitCode()).isZero();
        Path config = home.resolve(".config/vacme");
        SettableClock clock = new SettableClock(Instant.now());
        RecordingSleeper sleeper = RecordingSleeper.advancing(clock);
        cli.clock(clock).sleeper(sleeper);
        Instant since = clock.instant().minus(Duration.ofMinutes(2));

        Result waited;
        try (ConfigLock held = ConfigLock.tryAcquire(new ConfigLayout(config), since).orElseThrow()) {
            waited = vacme("certonly", "--standalone", "-d", "a.test", "--force-renewal", "--lock-timeout", "90");
        }

        long pid = ProcessHandle.current().pid();
        assertThat(waited.exitCode()).as(waited.toString()).isEqualTo(1);
        assertThat(waited.err()).contains("waiting up to 1m30s (--lock-timeout) for another vacme run (pid " + pid
                + ", holding it since " + since + ") to release the lock on " + config + "\n");
        assertThat(waited.err()).endsWith("error: another vacme run (pid " + pid + ", holding it since " + since
                + ") still holds the lock on " + config + " after 1m30s (--lock-timeout); nothing was changed\n");
        assertThat(sleeper.sleeps()).hasSize(90).containsOnly(Duration.ofSeconds(1));
    }

    @Test
    void certonlyGoesOnOnceTheOtherRunReleasesTheLock() throws Exception {
        assertThat(vacme("certonly", "--standalone", "-d", "a.test", "--register-unsafely-without-email",
                "--agree-tos").exitCode()).isZero();
        Path config = home.resolve(".config/vacme");
        SettableClock clock = new SettableClock(Instant.now());
        ConfigLock held = ConfigLock.tryAcquire(new ConfigLayout(config), clock.instant()).orElseThrow();
        RecordingSleeper sleeper = RecordingSleeper.advancing(clock).then(held::close);
        cli.clock(clock).sleeper(sleeper);

        Result renewed = vacme("certonly", "--standalone", "-d", "a.test", "--force-renewal");

        assertThat(renewed.exitCode()).as(renewed.toString()).isZero();
        assertThat(renewed.err()).contains("waiting up to 5m00s (--lock-timeout)");
        assertThat(sleeper.sleeps()).startsWith(Duration.ofSeconds(1));
    }

    @Test
    void aLockTimeoutBelowOneSecondIsAUsageError() {
        for (String command : List.of("certonly", "run")) {
            Result result = vacme(command, "--standalone", "-d", "a.test", "--lock-timeout", "0");
            assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
            assertThat(result.err()).contains("--lock-timeout must be at least 1 second");
        }
    }
}
