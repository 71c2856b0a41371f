package dev.vacme.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.common.pki.Pem;
import dev.vacme.server.testing.ChallengeTestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * certbot (the Debian package, unchanged) gets a wildcard certificate through dns-01 from the
 * server jar: its manual auth hook publishes the TXT record in pebble-challtestsrv, which the
 * server asks as its {@code --dns-resolver}; the cleanup hook removes it again.
 */
class CertbotDns01IT {

    @TempDir
    Path dir;

    @Test
    void certbotGetsAWildcardCertificateThroughDns01WithManualHooks() throws Exception {
        try (ChallengeTestServer dns = ChallengeTestServer.start(dir.resolve("challtestsrv.log"));
                ServerProcess server = ServerProcess.start(dir.resolve("data"), ServerProcess.freePort(),
                        "--dns-resolver", dns.resolver())) {
            Path auth = HookScripts.write(dir, "auth.sh",
                    dns.addTxtCommand("_acme-challenge.$CERTBOT_DOMAIN.", "$CERTBOT_VALIDATION"));
            Path cleanup = HookScripts.write(dir, "cleanup.sh", dns.clearTxtCommand("_acme-challenge.$CERTBOT_DOMAIN."));
            CertbotIT.Certbot certbot = new CertbotIT.Certbot(dir, server, ServerProcess.freePort());

            Commands.Outcome issued = certbot.run("certonly", "--manual", "--preferred-challenges", "dns",
                    "--manual-auth-hook", auth.toString(), "--manual-cleanup-hook", cleanup.toString(),
                    "-d", "*.wild.test", "-d", "wild.test");

            assertThat(issued.exitCode()).as(issued.output() + server.output()).isZero();
            List<X509Certificate> chain = Pem.readCertificates(
                    Files.readString(dir.resolve("config/live/wild.test/fullchain.pem")));
            CertbotIT.assertChainsTo(chain, server.root());
            assertThat(chain.get(0).getSubjectAlternativeNames()).extracting(san -> (Object) san.get(1))
                    .containsExactlyInAnyOrder("*.wild.test", "wild.test");
        }
    }
}
