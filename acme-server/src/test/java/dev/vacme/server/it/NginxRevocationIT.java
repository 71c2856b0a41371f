package dev.vacme.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.common.pki.Pem;
import dev.vacme.server.ca.IssuerIds;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * nginx as the relying party of the PKI listener: it staples the OCSP answer it fetches from the
 * URL in its certificate ({@code openssl s_client -status} shows it), and with {@code ssl_crl}
 * holding Vacme's CRL it refuses a revoked client certificate and accepts a good one.
 */
class NginxRevocationIT {

    @TempDir
    Path dir;

    @Test
    void nginxStaplesOcspAndRefusesARevokedClientCertificate() throws Exception {
        int http01Port = ServerProcess.freePort();
        int pkiPort = ServerProcess.freePort();
        Path dataDir = dir.resolve("data");
        // tlsclient certificates with serverAuth too, so one certbot serves the web server and the clients.
        try (ServerProcess server = ServerProcess.start(dataDir, http01Port, "--pki-listen", "127.0.0.1:" + pkiPort,
                "--default-profile", "tlsclient", "--tlsclient-server-auth")) {
            CertbotIT.Certbot certbot = new CertbotIT.Certbot(dir, server, http01Port);
            for (String name : List.of("web.test", "good-client.test", "revoked-client.test")) {
                Commands.Outcome issued = certbot.run("certonly", "--standalone", "-d", name);
                assertThat(issued.exitCode()).as(issued.output() + server.output()).isZero();
            }
            Commands.Outcome revoked = certbot.run("revoke", "--cert-name", "revoked-client.test", "--reason",
                    "keycompromise", "--no-delete-after-revoke");
            assertThat(revoked.exitCode()).as(revoked.output()).isZero();

            Path live = dir.resolve("config/live");
            X509Certificate intermediate = Pem.readCertificate(Files.readString(live.resolve("web.test/chain.pem")));
            Path trusted = dir.resolve("trusted.pem");
            Files.writeString(trusted, Files.readString(live.resolve("web.test/chain.pem"))
                    + Files.readString(server.rootPath()));
            Path crls = dir.resolve("crls.pem");
            Files.writeString(crls, awaitCrlListing(pkiPort, intermediate, live.resolve("revoked-client.test/cert.pem"))
                    + rootCrl(dataDir));

            int stapling = ServerProcess.freePort();
            int mutual = ServerProcess.freePort();
            String servers = """
                    server {
                        listen 127.0.0.1:%1$d ssl;
                        server_name web.test;
                        ssl_certificate %3$s/web.test/fullchain.pem;
                        ssl_certificate_key %3$s/web.test/privkey.pem;
                        ssl_stapling on;
                        ssl_stapling_verify on;
                        ssl_trusted_certificate %4$s;
                        resolver 127.0.0.1;
                        location / { return 200 "stapled\\n"; }
                    }
                    server {
                        listen 127.0.0.1:%2$d ssl;
                        server_name web.test;
                        ssl_certificate %3$s/web.test/fullchain.pem;
                        ssl_certificate_key %3$s/web.test/privkey.pem;
                        ssl_verify_client on;
                        ssl_verify_depth 2;
                        ssl_client_certificate %5$s;
                        ssl_crl %6$s;
                        location / { return 200 "hello $ssl_client_s_dn\\n"; }
                    }
                    """.formatted(stapling, mutual, live, trusted, server.rootPath(), crls);
            try (NginxProcess nginx = NginxProcess.start(dir.resolve("nginx"), servers, mutual)) {
                String status = awaitStapled(stapling, nginx);
                assertThat(status).contains("OCSP Response Status: successful", "Cert Status: good");

                Commands.Outcome good = curl(mutual, live.resolve("good-client.test"));
                Commands.Outcome refused = curl(mutual, live.resolve("revoked-client.test"));
                assertThat(good.output()).as(nginx.logs()).contains("hello CN=good-client.test", "status=200");
                assertThat(refused.output()).as(nginx.logs()).contains("status=400")
                        .doesNotContain("hello");
                assertThat(nginx.logs()).contains("certificate revoked");
            }
        }
    }

    /** Fetches the CRL until it lists the certificate, and returns it as PEM. */
    private String awaitCrlListing(int pkiPort, X509Certificate issuer, Path certificate) throws Exception {
        X509Certificate leaf = Pem.readCertificate(Files.readString(certificate));
        Path der = dir.resolve("crl.der");
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + pkiPort + "/crl/" + IssuerIds.of(issuer) + ".crl")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            Files.write(der, response.body());
            java.security.cert.X509CRL crl = (java.security.cert.X509CRL) java.security.cert.CertificateFactory
                    .getInstance("X.509").generateCRL(new java.io.ByteArrayInputStream(response.body()));
            if (crl.getRevokedCertificate(leaf.getSerialNumber()) != null) {
                return openssl("crl", "-inform", "DER", "-in", der.toString()).output();
            }
            assertThat(System.nanoTime()).as("the CRL lists the revoked certificate in time").isLessThan(deadline);
            Thread.sleep(250);
        }
    }

    /**
     * nginx checks CRLs for the whole chain (CRL_CHECK_ALL), so it needs one from the root for the
     * intermediate too: {@code vacme-server ca root-crl} signs it.
     */
    private String rootCrl(Path dataDir) throws Exception {
        Path file = dir.resolve("root-crl.pem");
        ServerProcess.Result written = ServerProcess.run("ca", "root-crl", "--data-dir", dataDir.toString(),
                "--out", file.toString(), "--validity", "30d");
        assertThat(written.exitCode()).as(written.output()).isZero();
        assertThat(written.output()).contains("wrote the root CRL to " + file);
        assertThat(openssl("crl", "-in", file.toString(), "-CAfile", dataDir.resolve("ca/root.pem").toString(),
                "-noout", "-verify").output()).contains("verify OK");
        return Files.readString(file);
    }

    /** nginx fetches the OCSP answer on the first handshake and staples it from then on. */
    private String awaitStapled(int port, NginxProcess nginx) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            String output = openssl("s_client", "-connect", "127.0.0.1:" + port, "-servername", "web.test", "-status",
                    "-CAfile", dir.resolve("trusted.pem").toString()).output();
            if (output.contains("OCSP Response Status")) {
                return output;
            }
            assertThat(System.nanoTime()).as("nginx staples within 20 s: %s%s", output, nginx.logs()).isLessThan(deadline);
            Thread.sleep(500);
        }
    }

    private Commands.Outcome curl(int port, Path lineage) {
        return Commands.run(dir, Map.of(), List.of("curl", "-s", "--cacert", dir.resolve("trusted.pem").toString(),
                "--cert", lineage.resolve("fullchain.pem").toString(), "--key", lineage.resolve("privkey.pem").toString(),
                "--resolve", "web.test:" + port + ":127.0.0.1", "-w", "status=%{http_code}\\n",
                "https://web.test:" + port + "/"));
    }

    private Commands.Outcome openssl(String... arguments) {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        return Commands.run(dir, Map.of(), command);
    }
}
