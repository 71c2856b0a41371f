package dev.vacme.client.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vacme.client.testing.AcmeTestServer;
import dev.vacme.client.testing.CliRunner.Result;
import dev.vacme.client.testing.FreePorts;
import dev.vacme.client.testing.NginxProcess;
import dev.vacme.client.testing.VacmeServerProcess;
import dev.vacme.common.pki.Pem;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Mutual TLS between services with Vacme's certificate profiles: {@code vacme certonly
 * --required-profile tlsclient} obtains a client certificate that a real nginx, configured with
 * {@code ssl_verify_client on} and Vacme's root as {@code ssl_client_certificate}, accepts; a
 * certificate of the default {@code tlsserver} profile it refuses as a client certificate.
 */
class VacmeMutualTlsIT extends AcmeServerTestBase {

    private final int httpsPort = FreePorts.tcp();
    private NginxProcess nginx;

    @Override
    AcmeTestServer startServer(Path dir) throws IOException {
        return VacmeServerProcess.start(dir.resolve("server-data"));
    }

    @AfterEach
    void stopNginx() {
        if (nginx != null) {
            nginx.close();
        }
    }

    @Test
    void nginxAcceptsATlsClientCertificateAndRefusesATlsServerOneAsClient() throws Exception {
        assumeTrue(NginxProcess.installed(), "nginx is not installed");
        Result serverCert = vacme(args("certonly", standalone(), "-d", "api.test", "-m", "ops@api.test",
                "--agree-tos"));
        Result clientCert = vacme(args("certonly", standalone(), "-d", "billing.test", "--required-profile",
                "tlsclient"));
        assertThat(serverCert.exitCode()).as(serverCert + server.logs()).isZero();
        assertThat(clientCert.exitCode()).as(clientCert + server.logs()).isZero();
        assertThat(Files.readString(config.resolve("renewal/billing.test.conf"))).contains("required_profile = tlsclient");
        assertThat(vacme("certificates").out()).contains("Profile: tlsclient (required)", "Profile: server default");
        X509Certificate client = Pem.readCertificate(Files.readString(live("billing.test").resolve("cert.pem")));
        assertThat(client.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");

        nginx = NginxProcess.configure(home.resolve("nginx"), """
                server {
                    listen 127.0.0.1:%d ssl;
                    server_name api.test;
                    ssl_certificate %s;
                    ssl_certificate_key %s;
                    ssl_client_certificate %s;
                    ssl_verify_client on;
                    ssl_verify_depth 2;
                    location / { return 200 "hello $ssl_client_s_dn\\n"; }
                }
                """.formatted(httpsPort, live("api.test").resolve("fullchain.pem"),
                live("api.test").resolve("privkey.pem"), server.caBundle())).start(httpsPort);

        String accepted = get(live("billing.test"));
        String refused = get(live("api.test"));

        assertThat(accepted).as(nginx.logs()).startsWith("HTTP/1.1 200").contains("hello CN=billing.test");
        assertThat(refused).as(nginx.logs()).startsWith("HTTP/1.1 400");
        assertThat(nginx.logs()).contains("client SSL certificate verify error: (26:unsuitable certificate purpose)");
    }

    @Test
    void aPreferredProfileTheServerDoesNotOfferFallsBackToTheDefault() throws Exception {
        Result result = vacme(args("certonly", standalone(), "-d", "fallback.test", "-m", "ops@api.test",
                "--agree-tos", "--preferred-profile", "no-such-profile"));
        Result required = vacme(args("certonly", standalone(), "-d", "strict.test", "--required-profile",
                "no-such-profile"));

        assertThat(result.exitCode()).as(result + server.logs()).isZero();
        X509Certificate leaf = Pem.readCertificate(Files.readString(live("fallback.test").resolve("cert.pem")));
        assertThat(leaf.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(required.exitCode()).isNotZero();
        assertThat(required.err()).contains("unknown profile \"no-such-profile\"; this server offers: tlsserver, "
                + "tlsclient, shortlived");
    }

    /** GET / over TLS with the lineage's key and chain as client certificate; returns the raw response. */
    private String get(Path lineage) throws Exception {
        KeyPair key = Pem.readKeyPair(Files.readString(lineage.resolve("privkey.pem")));
        List<X509Certificate> chain = Pem.readCertificates(Files.readString(lineage.resolve("fullchain.pem")));
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("client", key.getPrivate(), new char[0], chain.toArray(Certificate[]::new));
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, new char[0]);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("root", server.root());
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", httpsPort)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write("GET / HTTP/1.1\r\nHost: api.test\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            StringBuilder response = new StringBuilder();
            BufferedReader reader = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                response.append(line).append('\n');
            }
            return response.toString();
        }
    }
}
