package dev.vacme.client.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.client.testing.AcmeTestServer;
import dev.vacme.client.testing.Chains;
import dev.vacme.client.testing.CliRunner.Result;
import dev.vacme.client.testing.FreePorts;
import dev.vacme.client.testing.VacmeServerProcess;
import dev.vacme.common.pki.Pem;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * tls-alpn-01 (RFC 8737) through the standalone authenticator against Vacme's own server, which
 * validates on {@code --tls-alpn01-port}: issue, renew from the remembered settings, and the
 * one-line error when the port is taken.
 */
class VacmeTlsAlpnIT extends AcmeServerTestBase {

    private int tlsAlpnPort;

    @Override
    AcmeTestServer startServer(Path dir) throws IOException {
        tlsAlpnPort = FreePorts.tcp();
        return VacmeServerProcess.start(dir.resolve("server-data"),
                List.of("--tls-alpn01-port", Integer.toString(tlsAlpnPort)));
    }

    private String[] tlsAlpn(String name) {
        return new String[] {"certonly", "--standalone", "--preferred-challenges", "tls-alpn-01",
            "--tls-alpn-01-address", "127.0.0.1", "--tls-alpn-01-port", Integer.toString(tlsAlpnPort), "-d", name,
            "--register-unsafely-without-email", "--agree-tos"};
    }

    @Test
    void issuesThroughTlsAlpn01AndRenewsWithTheRememberedPort() throws Exception {
        Result issued = vacme(tlsAlpn("alpn.test"));

        assertThat(issued.exitCode()).as(issued + server.logs()).isZero();
        Chains.validate(live("alpn.test").resolve("fullchain.pem"), server.root());
        assertThat(Pem.readCertificate(Files.readString(live("alpn.test").resolve("cert.pem")))
                .getSubjectAlternativeNames()).extracting(name -> String.valueOf(name.get(1)))
                .containsExactly("alpn.test");
        assertThat(Files.readString(config.resolve("renewal/alpn.test.conf"))).contains(
                "authenticator = standalone", "preferred_challenges = tls-alpn-01",
                "tls_alpn_01_port = " + tlsAlpnPort, "tls_alpn_01_address = 127.0.0.1");

        Result renewed = vacme("renew", "--force-renewal", "--no-random-sleep-on-renew");

        assertThat(renewed.exitCode()).as(renewed + server.logs()).isZero();
        assertThat(Files.readSymbolicLink(live("alpn.test"))).isEqualTo(Path.of("../archive/alpn.test/2"));
    }

    @Test
    void saysWhichPortIsTakenAndExitsWithOne() throws Exception {
        Result failed;
        try (ServerSocket taken = new ServerSocket(tlsAlpnPort, 1, InetAddress.getLoopbackAddress())) {
            failed = vacme(tlsAlpn("taken.test"));
        }

        assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
        assertThat(failed.err()).contains("cannot listen on 127.0.0.1:" + tlsAlpnPort + " for tls-alpn-01: ");
        assertThat(failed.err().strip()).doesNotContain("\n").doesNotContain("Exception");
        assertThat(live("taken.test")).doesNotExist();
    }
}
