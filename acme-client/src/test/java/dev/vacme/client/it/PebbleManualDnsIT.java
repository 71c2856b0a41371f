package dev.vacme.client.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.client.testing.AcmeTestServer;
import dev.vacme.client.testing.Chains;
import dev.vacme.client.testing.CliRunner.Result;
import dev.vacme.client.testing.PebbleServer;
import dev.vacme.common.pki.Pem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * dns-01 through {@code --manual-auth-hook}: certbot-style hook scripts set and clear TXT records
 * in pebble-challtestsrv (Pebble's DNS server) through its management API, with curl.
 */
class PebbleManualDnsIT extends AcmeServerTestBase {

    private PebbleServer pebble;

    @Override
    AcmeTestServer startServer(Path dir) throws IOException {
        pebble = PebbleServers.start(dir, Map.of());
        return pebble;
    }

    private Path authHook;
    private Path cleanupHook;
    private Path log;

    @BeforeEach
    void writeHooks() throws Exception {
        log = home.resolve("hooks.log");
        authHook = script("auth.sh", """
                #!/bin/sh
                set -e
                value="${VALUE_OVERRIDE:-$CERTBOT_VALIDATION}"
                curl -sf -X POST -d "{\\"host\\":\\"_acme-challenge.$CERTBOT_DOMAIN.\\",\\"value\\":\\"$value\\"}" \\
                    %s/set-txt
                echo "auth $CERTBOT_DOMAIN remaining=$CERTBOT_REMAINING_CHALLENGES all=$CERTBOT_ALL_DOMAINS" >> %s
                echo "record-for-$CERTBOT_DOMAIN"
                """.formatted(pebble.challengeServer(), log));
        cleanupHook = script("cleanup.sh", """
                #!/bin/sh
                curl -sf -X POST -d "{\\"host\\":\\"_acme-challenge.$CERTBOT_DOMAIN.\\"}" %s/clear-txt
                echo "cleanup $CERTBOT_DOMAIN output=$CERTBOT_AUTH_OUTPUT" >> %s
                """.formatted(pebble.challengeServer(), log));
    }

    private Path script(String name, String text) throws Exception {
        Path file = home.resolve(name);
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    @Test
    void issuesAWildcardCertificateWithDnsHooks() throws Exception {
        Result result = vacme("certonly", "--manual", "--preferred-challenges", "dns", "--manual-auth-hook",
                authHook.toString(), "--manual-cleanup-hook", cleanupHook.toString(), "-d", "*.dns.test",
                "--register-unsafely-without-email", "--agree-tos");

        assertThat(result.exitCode()).as(result + pebble.logs()).isZero();
        assertThat(live("dns.test")).exists();
        Chains.validate(live("dns.test").resolve("fullchain.pem"), pebble.root());
        assertThat(Pem.readCertificate(Files.readString(live("dns.test").resolve("cert.pem")))
                .getSubjectAlternativeNames()).extracting(name -> String.valueOf(name.get(1)))
                .containsExactly("*.dns.test");
        assertThat(Files.readAllLines(log)).containsExactly(
                "auth dns.test remaining=0 all=dns.test",
                "cleanup dns.test output=record-for-dns.test");
        assertThat(Files.readString(config.resolve("renewal/dns.test.conf")))
                .contains("authenticator = manual", "preferred_challenges = dns-01",
                        "manual_auth_hook = " + authHook, "manual_cleanup_hook = " + cleanupHook);
    }

    @Test
    void theCleanupHookRunsWhenValidationFails() throws Exception {
        Result result = cli().variable("VALUE_OVERRIDE", "wrong-value").run(withServer("certonly",
                "--manual", "--preferred-challenges", "dns", "--manual-auth-hook", authHook.toString(),
                "--manual-cleanup-hook", cleanupHook.toString(), "-d", "bad.dns.test", "-d", "ok.dns.test",
                "--register-unsafely-without-email", "--agree-tos"));

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.err()).contains("unauthorized for bad.dns.test", "unauthorized for ok.dns.test");
        // Pebble lists the authorizations in no fixed order, so the order of the hook calls varies.
        List<String> lines = Files.readAllLines(log);
        assertThat(lines).hasSize(4);
        assertThat(lines.subList(0, 2)).allMatch(line -> line.matches(
                "auth (bad|ok)\\.dns\\.test remaining=[01] all=(bad.dns.test,ok.dns.test|ok.dns.test,bad.dns.test)"));
        assertThat(lines.subList(0, 2)).extracting(line -> line.split(" ")[1])
                .containsExactlyInAnyOrder("bad.dns.test", "ok.dns.test");
        assertThat(lines.subList(2, 4)).containsExactlyInAnyOrder(
                "cleanup bad.dns.test output=record-for-bad.dns.test",
                "cleanup ok.dns.test output=record-for-ok.dns.test");
        assertThat(config.resolve("renewal")).doesNotExist();
    }
}
