package dev.vacme.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.common.pki.Pem;
import dev.vacme.server.testing.ChallengeTestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lego (the Debian package, unchanged) against the server jar: obtain with HTTP-01 and revoke;
 * obtain with TLS-ALPN-01; obtain a wildcard certificate with DNS-01 through lego's exec provider.
 */
class LegoIT {

    @TempDir
    Path dir;

    @Test
    void legoObtainsAndRevokesACertificate() throws Exception {
        int http01Port = ServerProcess.freePort();
        try (ServerProcess server = ServerProcess.start(dir.resolve("data"), http01Port)) {
            Map<String, String> environment = Map.of("LEGO_CA_CERTIFICATES", server.rootPath().toString());
            List<String> common = List.of("lego", "--server", server.directoryUrl(), "--accept-tos",
                    "--email", "admin@example.com", "--path", dir.resolve("lego").toString(),
                    "--http", "--http.port", "127.0.0.1:" + http01Port, "-d", "lego.test");

            Commands.Outcome issued = Commands.run(dir, environment, concat(common, "-d", "www.lego.test", "run"));

            assertThat(issued.exitCode()).as(issued.output() + server.output()).isZero();
            List<X509Certificate> chain = Pem.readCertificates(
                    Files.readString(dir.resolve("lego/certificates/lego.test.crt")));
            CertbotIT.assertChainsTo(chain, server.root());

            // lego revokes the certificate stored under the first -d name
            Commands.Outcome revoked = Commands.run(dir, environment, concat(common, "revoke"));

            assertThat(revoked.exitCode()).as(revoked.output()).isZero();
            assertThat(CertbotIT.renewalWindowEnd(server, chain.get(0))).isBefore(java.time.Instant.now());
        }
    }

    @Test
    void legoObtainsACertificateThroughTlsAlpn01() throws Exception {
        int tlsAlpnPort = ServerProcess.freePort();
        try (ServerProcess server = ServerProcess.start(dir.resolve("data"), ServerProcess.freePort(),
                "--tls-alpn01-port", Integer.toString(tlsAlpnPort))) {
            Map<String, String> environment = Map.of("LEGO_CA_CERTIFICATES", server.rootPath().toString());

            Commands.Outcome issued = Commands.run(dir, environment, List.of("lego", "--server", server.directoryUrl(),
                    "--accept-tos", "--email", "admin@example.com", "--path", dir.resolve("lego").toString(),
                    "--tls", "--tls.port", "127.0.0.1:" + tlsAlpnPort, "-d", "alpn.test", "run"));

            assertThat(issued.exitCode()).as(issued.output() + server.output()).isZero();
            List<X509Certificate> chain = Pem.readCertificates(
                    Files.readString(dir.resolve("lego/certificates/alpn.test.crt")));
            CertbotIT.assertChainsTo(chain, server.root());
        }
    }

    /**
     * lego's {@code --dns exec} runs {@code EXEC_PATH present|cleanup FQDN VALUE}; the script sets
     * the TXT record in pebble-challtestsrv, which is both the server's {@code --dns-resolver} and
     * the resolver lego checks the record with before asking for validation.
     */
    @Test
    void legoGetsAWildcardCertificateThroughDns01WithTheExecProvider() throws Exception {
        try (ChallengeTestServer dns = ChallengeTestServer.start(dir.resolve("challtestsrv.log"));
                ServerProcess server = ServerProcess.start(dir.resolve("data"), ServerProcess.freePort(),
                        "--dns-resolver", dns.resolver(), "--challenges", "dns-01")) {
            Path exec = HookScripts.write(dir, "lego-dns.sh",
                    "case \"$1\" in",
                    "  present) " + dns.addTxtCommand("$2", "$3") + " ;;",
                    "  cleanup) " + dns.clearTxtCommand("$2") + " ;;",
                    "  *) echo \"unexpected: $*\" >&2; exit 1 ;;",
                    "esac");
            Map<String, String> environment = Map.of("LEGO_CA_CERTIFICATES", server.rootPath().toString(),
                    "EXEC_PATH", exec.toString(), "EXEC_POLLING_INTERVAL", "1", "EXEC_PROPAGATION_TIMEOUT", "30",
                    // the exec provider solves one challenge at a time, by default 60 s apart
                    "EXEC_SEQUENCE_INTERVAL", "1");

            Commands.Outcome issued = Commands.run(dir, environment, List.of("lego", "--server", server.directoryUrl(),
                    "--accept-tos", "--email", "admin@example.com", "--path", dir.resolve("lego").toString(),
                    "--dns", "exec", "--dns.resolvers", dns.resolver(), "--dns.disable-cp",
                    "-d", "*.lego-wild.test", "-d", "lego-wild.test", "run"));

            assertThat(issued.exitCode()).as(issued.output() + server.output()).isZero();
            List<X509Certificate> chain = Pem.readCertificates(
                    Files.readString(dir.resolve("lego/certificates/_.lego-wild.test.crt")));
            CertbotIT.assertChainsTo(chain, server.root());
            assertThat(chain.get(0).getSubjectAlternativeNames()).extracting(san -> (Object) san.get(1))
                    .containsExactlyInAnyOrder("*.lego-wild.test", "lego-wild.test");
        }
    }

    private static List<String> concat(List<String> common, String... more) {
        List<String> command = new java.util.ArrayList<>(common);
        command.addAll(List.of(more));
        return command;
    }
}
