package dev.vacme.client.challenge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vacme.client.testing.FreePorts;
import dev.vacme.common.challenge.KeyAuthorizations;
import dev.vacme.common.model.Challenge;
import dev.vacme.common.model.ChallengeStatus;
import dev.vacme.common.model.Identifier;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.asn1.DEROctetString;
import org.junit.jupiter.api.Test;

/**
 * The standalone tls-alpn-01 responder as a validator sees it (RFC 8737 §3): a JDK TLS client
 * offering ALPN {@code acme-tls/1} and SNI gets a certificate with exactly the identifier as SAN
 * and the critical acmeIdentifier extension over SHA-256 of the key authorization.
 */
class TlsAlpn01ResponderTest {

    private static final String ALPN = KeyAuthorizations.ACME_TLS_ALPN_PROTOCOL;

    private static ChallengeTask task(Identifier identifier, String token) {
        Challenge challenge = new Challenge(Challenge.TLS_ALPN_01, URI.create("https://ca.test/chall/" + token),
                ChallengeStatus.PENDING, null, null, token);
        return new ChallengeTask(identifier, false, challenge, token + ".thumbprint");
    }

    /** What the handshake produced: the negotiated protocol and the presented certificate. */
    private record Handshake(String protocol, X509Certificate certificate) {
    }

    private static Handshake connect(int port, String sni, String... protocols) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        // The validation certificate is self-signed by design; the test inspects it instead of trusting it.
        context.init(null, new TrustManager[] {new AcceptingTrustManager()}, new SecureRandom());
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(),
                port)) {
            SSLParameters parameters = socket.getSSLParameters();
            if (sni != null) {
                parameters.setServerNames(List.of(new SNIHostName(sni)));
            }
            parameters.setApplicationProtocols(protocols);
            socket.setSSLParameters(parameters);
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            return new Handshake(socket.getApplicationProtocol(),
                    (X509Certificate) socket.getSession().getPeerCertificates()[0]);
        }
    }

    @Test
    void presentsTheValidationCertificateOfTheRequestedNameOverAcmeTls1() throws Exception {
        int port = FreePorts.tcp();
        List<String> log = new ArrayList<>();
        List<ChallengeTask> tasks = List.of(task(Identifier.dns("a.test"), "tokenA"),
                task(Identifier.dns("b.test"), "tokenB"));
        StandaloneAuthenticator authenticator = new StandaloneAuthenticator("", 80,
                List.of(Challenge.TLS_ALPN_01), "127.0.0.1", port, log::add);

        authenticator.perform(tasks);
        Handshake a;
        Handshake b;
        try {
            a = connect(port, "a.test", ALPN);
            b = connect(port, "b.test", ALPN);
        } finally {
            authenticator.cleanup(tasks);
        }

        assertThat(a.protocol()).isEqualTo(ALPN);
        assertThat(a.certificate().getSubjectAlternativeNames()).containsExactly(List.of(2, "a.test"));
        assertThat(a.certificate().getCriticalExtensionOIDs()).contains("1.3.6.1.5.5.7.1.31");
        assertThat(a.certificate().getExtensionValue("1.3.6.1.5.5.7.1.31")).isEqualTo(new DEROctetString(
                new DEROctetString(KeyAuthorizations.sha256("tokenA.thumbprint")).getEncoded()).getEncoded());
        assertThat(b.certificate().getSubjectAlternativeNames()).containsExactly(List.of(2, "b.test"));
        assertThat(b.certificate().getExtensionValue("1.3.6.1.5.5.7.1.31")).isEqualTo(new DEROctetString(
                KeyAuthorizations.tlsAlpn01ExtensionValue("tokenB.thumbprint")).getEncoded());
        assertThat(log).first().isEqualTo("answering tls-alpn-01 on 127.0.0.1:" + port + " for 2 challenge(s)");
        // After cleanup nothing answers: usually the connection is refused; rarely Linux connects
        // a socket to itself on a free ephemeral port, and then the handshake fails instead.
        assertThatThrownBy(() -> connect(port, "a.test", ALPN)).isInstanceOf(IOException.class);
    }

    @Test
    void answersAnIpAddressUnderItsReverseNameWithAnIpAddressSan() throws Exception {
        int port = FreePorts.tcp();
        ChallengeTask ip = task(Identifier.ip("192.0.2.7"), "tokenIp");
        try (TlsAlpn01Responder responder = new TlsAlpn01Responder("127.0.0.1", port, line -> { })) {
            responder.start(List.of(ip));

            Handshake handshake = connect(port, "7.2.0.192.in-addr.arpa", ALPN);

            assertThat(handshake.certificate().getSubjectAlternativeNames()).containsExactly(List.of(7, "192.0.2.7"));
        }
        assertThat(TlsAlpn01Certificates.serverName(task(Identifier.ip("2001:db8::1"), "tokenV6")))
                .isEqualTo("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa");
    }

    @Test
    void refusesHandshakesWithoutAcmeTls1OrForAnotherName() throws Exception {
        int port = FreePorts.tcp();
        try (TlsAlpn01Responder responder = new TlsAlpn01Responder("127.0.0.1", port, line -> { })) {
            responder.start(List.of(task(Identifier.dns("a.test"), "tokenA")));

            assertThatThrownBy(() -> connect(port, "a.test", "http/1.1")).isInstanceOf(SSLHandshakeException.class);
            assertThatThrownBy(() -> connect(port, "other.test", ALPN)).isInstanceOf(SSLHandshakeException.class);
            assertThatThrownBy(() -> connect(port, null, ALPN)).isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void explainsWhenThePortIsTaken() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            TlsAlpn01Responder responder = new TlsAlpn01Responder("127.0.0.1", port, line -> { });

            assertThatThrownBy(() -> responder.start(List.of(task(Identifier.dns("a.test"), "tokenA"))))
                    .isInstanceOf(AuthenticatorException.class)
                    .hasMessageStartingWith("cannot listen on 127.0.0.1:" + port + " for tls-alpn-01: ")
                    .hasMessageEndingWith("; is a web server running there? Use --preferred-challenges http, or"
                            + " stop it with --pre-hook and start it again with --post-hook");
            responder.close();
            try (Socket stillOurs = new Socket(InetAddress.getLoopbackAddress(), port)) {
                assertThat(stillOurs.isConnected()).isTrue();
            }
        }
    }

    /** Accepts any server certificate: the tests check the presented one themselves. */
    private static final class AcceptingTrustManager implements X509TrustManager {

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("client certificates are not used");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // inspected by the test
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
