package dev.vacme.client.acme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vacme.client.testing.HostileServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The transport against servers that misbehave the way outside probes did: it stops reading at a
 * size limit, gives up at an overall deadline however slowly the bytes come, and names each way a
 * connection can fail in words.
 */
class HostileServerTest {

    private static final long GIB = 1024L * 1024 * 1024;

    private static JdkTransport transport(Duration requestTimeout) {
        return new JdkTransport(new TransportSettings(List.of(), Duration.ofSeconds(5), requestTimeout,
                "vacme/9.9.9 Java/17"));
    }

    /** Writes an endless body (up to 1 GiB) in 64 KB pieces, as long as the client reads. */
    private static void endless(OutputStream out) throws IOException {
        byte[] piece = new byte[64 * 1024];
        Arrays.fill(piece, (byte) 'x');
        for (long sent = 0; sent < GIB; sent += piece.length) {
            out.write(piece);
        }
    }

    @Test
    void stopsReadingAnEndlessJsonAnswerAtOneMebibyte() throws Exception {
        try (HostileServer server = HostileServer.http((request, out) -> {
            HostileServer.head(out, 200, "Content-Type: application/json", "Connection: close");
            endless(out);
        })) {
            URI url = server.url("/directory");
            assertThatThrownBy(() -> transport(Duration.ofSeconds(20)).send(AcmeRequest.get(url)))
                    .isInstanceOf(AcmeProtocolException.class)
                    .hasMessage("the server's answer to GET " + url + " is larger than 1 MiB; stopped reading it");
            assertThat(server.bytesWritten()).isLessThan(64L * 1024 * 1024);
        }
    }

    @Test
    void refusesADeclaredGibibyteCertificateChainWithoutReadingIt() throws Exception {
        try (HostileServer server = HostileServer.http((request, out) -> {
            HostileServer.head(out, 200, "Content-Type: application/pem-certificate-chain",
                    "Content-Length: " + GIB);
            endless(out);
        })) {
            URI url = server.url("/cert/1");
            AcmeRequest chain = new AcmeRequest("GET", url, "application/pem-certificate-chain", null, null);

            assertThatThrownBy(() -> transport(Duration.ofSeconds(20)).send(chain))
                    .isInstanceOf(AcmeProtocolException.class)
                    .hasMessage("the server's answer to GET " + url + " is larger than 256 KiB; stopped reading it");
        }
    }

    @Test
    void aCertificateChainOfAFewKilobytesIsRead() throws Exception {
        byte[] body = "-----BEGIN CERTIFICATE-----\n".repeat(100).getBytes(StandardCharsets.US_ASCII);
        try (HostileServer server = HostileServer.http((request, out) -> {
            HostileServer.head(out, 200, "Content-Type: application/pem-certificate-chain",
                    "Content-Length: " + body.length);
            out.write(body);
        })) {
            AcmeRequest chain = new AcmeRequest("GET", server.url("/cert/1"), "application/pem-certificate-chain",
                    null, null);

            assertThat(transport(Duration.ofSeconds(20)).send(chain).body()).isEqualTo(body);
        }
    }

    @Test
    void aBodyTrickledOneByteAtATimeEndsAtTheRequestDeadline() throws Exception {
        try (HostileServer server = HostileServer.http((request, out) -> {
            HostileServer.head(out, 200, "Content-Type: application/json", "Content-Length: 1000000");
            for (int i = 0; i < 1_000_000; i++) {
                out.write('{');
                out.flush();
                Thread.sleep(100);
            }
        })) {
            URI url = server.url("/order/1");

            assertThatThrownBy(() -> transport(Duration.ofSeconds(1)).send(AcmeRequest.get(url)))
                    .isInstanceOf(AcmeNetworkException.class)
                    .hasMessage("GET " + url + " timed out after 1 s");
        }
    }

    @Test
    void namesARefusedConnection() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        URI closed = URI.create("https://127.0.0.1:" + port + "/dir");

        assertThatThrownBy(() -> transport(Duration.ofSeconds(5)).send(AcmeRequest.get(closed)))
                .isInstanceOf(AcmeNetworkException.class)
                .hasMessage("cannot reach " + closed + ": connection refused");
    }

    @Test
    void namesAHostThatDoesNotExist() {
        // RFC 6761 §6.4: names under .invalid never resolve.
        URI nowhere = URI.create("https://no-such-host.invalid/dir");

        assertThatThrownBy(() -> transport(Duration.ofSeconds(5)).send(AcmeRequest.get(nowhere)))
                .isInstanceOf(AcmeNetworkException.class)
                .hasMessage("cannot reach " + nowhere + ": no such host no-such-host.invalid");
    }

    @Test
    void saysHowToTrustAServerWhoseCertificateThisMachineDoesNotTrust() throws Exception {
        try (HostileServer server = HostileServer.httpsSelfSigned((request, out) ->
                HostileServer.head(out, 200, "Content-Length: 0"))) {
            URI url = server.url("/dir");

            assertThatThrownBy(() -> transport(Duration.ofSeconds(5)).send(AcmeRequest.get(url)))
                    .isInstanceOf(AcmeNetworkException.class)
                    .hasMessage("cannot reach " + url + ": the server's certificate is not trusted by this machine;"
                            + " give the CA's root with --ca-bundle FILE");
        }
    }

    @Test
    void namesAServerThatClosesTheConnectionWithoutAnswering() throws Exception {
        try (HostileServer server = HostileServer.http((request, out) -> out.close())) {
            URI url = server.url("/dir");

            assertThatThrownBy(() -> transport(Duration.ofSeconds(5)).send(AcmeRequest.get(url)))
                    .isInstanceOf(AcmeNetworkException.class)
                    .hasMessage("cannot reach " + url + ": the server closed the connection without answering");
        }
    }
}
