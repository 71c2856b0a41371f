package dev.vacme.client.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.client.testing.AcmeTestServer;
import dev.vacme.client.testing.Chains;
import dev.vacme.client.testing.CliRunner.Result;
import dev.vacme.client.testing.FreePorts;
import dev.vacme.client.testing.VacmeServerProcess;
import dev.vacme.common.pki.Pem;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * dns-01 with {@code --manual-auth-hook} against Vacme's own server, a wildcard included: the hooks
 * set and clear TXT records in pebble-challtestsrv, which the server asks as its
 * {@code --dns-resolver}.
 */
class VacmeManualDnsIT extends AcmeServerTestBase {

    private Process dns;
    private String management;

    @Override
    AcmeTestServer startServer(Path dir) throws IOException {
        int dnsPort = FreePorts.udpAndTcp();
        int managementPort = FreePorts.tcp();
        management = "http://127.0.0.1:" + managementPort;
        dns = new ProcessBuilder("pebble-challtestsrv", "-dns01", "127.0.0.1:" + dnsPort, "-http01", "",
                "-https01", "", "-tlsalpn01", "", "-management", "127.0.0.1:" + managementPort)
                .redirectErrorStream(true).redirectOutput(dir.resolve("challtestsrv.log").toFile()).start();
        awaitListening(managementPort);
        return VacmeServerProcess.start(dir.resolve("server-data"),
                List.of("--dns-resolver", "127.0.0.1:" + dnsPort));
    }

    @AfterAll
    void stopDns() {
        if (dns != null) {
            dns.destroy();
        }
    }

    @Test
    void issuesAWildcardAndItsBaseNameThroughDnsHooks() throws Exception {
        Path auth = script("auth.sh", "curl -sf -X POST -d \"{\\\"host\\\":\\\"_acme-challenge.$CERTBOT_DOMAIN.\\\","
                + "\\\"value\\\":\\\"$CERTBOT_VALIDATION\\\"}\" " + management + "/set-txt\n");
        Path cleanup = script("cleanup.sh", "curl -sf -X POST -d \"{\\\"host\\\":\\\"_acme-challenge.$CERTBOT_DOMAIN.\\\"}\" "
                + management + "/clear-txt\n");

        Result result = vacme("certonly", "--manual", "--preferred-challenges", "dns", "--manual-auth-hook",
                auth.toString(), "--manual-cleanup-hook", cleanup.toString(), "-d", "*.vdns.test", "-d", "vdns.test",
                "--register-unsafely-without-email", "--agree-tos");

        assertThat(result.exitCode()).as(result + server.logs()).isZero();
        Chains.validate(live("vdns.test").resolve("fullchain.pem"), server.root());
        assertThat(Pem.readCertificate(Files.readString(live("vdns.test").resolve("cert.pem")))
                .getSubjectAlternativeNames()).extracting(name -> String.valueOf(name.get(1)))
                .containsExactlyInAnyOrder("*.vdns.test", "vdns.test");
    }

    private Path script(String name, String command) throws IOException {
        Path file = home.resolve(name);
        Files.writeString(file, "#!/bin/sh\nset -e\n" + command);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    private void awaitListening(int port) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            }
        }
        throw new IOException("pebble-challtestsrv did not start");
    }
}
