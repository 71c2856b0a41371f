package dev.vacme.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.common.pki.AriCertificateId;
import dev.vacme.common.pki.Pem;
import dev.vacme.common.model.RenewalInfo;
import dev.vacme.common.json.AcmeJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * certbot (the Debian package, unchanged) against the server jar on the embedded store: it
 * registers, obtains a certificate with its standalone HTTP-01 responder, and revokes it.
 */
class CertbotIT {

    @TempDir
    Path dir;

    @Test
    void certbotObtainsAndRevokesACertificate() throws Exception {
        int http01Port = ServerProcess.freePort();
        try (ServerProcess server = ServerProcess.start(dir.resolve("data"), http01Port)) {
            obtainAndRevoke(dir, server, http01Port);
        }
    }

    /** certbot certonly for a.test and b.test, checks the lineage, then certbot revoke. */
    static void obtainAndRevoke(Path dir, ServerProcess server, int http01Port) throws Exception {
        Certbot certbot = new Certbot(dir, server, http01Port);

        Commands.Outcome issued = certbot.run("certonly", "--standalone", "-d", "a.test", "-d", "b.test");

        assertThat(issued.exitCode()).as(issued.output() + server.output()).isZero();
        List<X509Certificate> chain = Pem.readCertificates(
                Files.readString(dir.resolve("config/live/a.test/fullchain.pem")));
        assertChainsTo(chain, server.root());
        assertThat(chain.get(0).getSubjectAlternativeNames()).extracting(san -> (Object) san.get(1))
                .containsExactlyInAnyOrder("a.test", "b.test");

        Commands.Outcome revoked = certbot.run("revoke", "--cert-name", "a.test", "--reason", "superseded",
                "--no-delete-after-revoke");

        assertThat(revoked.exitCode()).as(revoked.output()).isZero();
        assertThat(renewalWindowEnd(server, chain.get(0))).isBefore(Instant.now());
    }

    /** certbot with its directories under the test's temporary directory, trusting the server's root. */
    static final class Certbot {
        private final Path dir;
        private final ServerProcess server;
        private final int http01Port;

        Certbot(Path dir, ServerProcess server, int http01Port) {
            this.dir = dir;
            this.server = server;
            this.http01Port = http01Port;
        }

        Commands.Outcome run(String... arguments) {
            List<String> command = new ArrayList<>(List.of("certbot"));
            command.addAll(List.of(arguments));
            command.addAll(List.of("--non-interactive", "--agree-tos", "-m", "admin@example.com",
                    "--server", server.directoryUrl(),
                    "--config-dir", dir.resolve("config").toString(),
                    "--work-dir", dir.resolve("work").toString(),
                    "--logs-dir", dir.resolve("logs").toString(),
                    "--http-01-port", Integer.toString(http01Port), "--http-01-address", "127.0.0.1"));
            return Commands.run(dir, Map.of("REQUESTS_CA_BUNDLE", server.rootPath().toString()), command);
        }
    }

    static void assertChainsTo(List<X509Certificate> chain, X509Certificate root) throws Exception {
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        parameters.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(chain), parameters);
    }

    static Instant renewalWindowEnd(ServerProcess server, X509Certificate certificate) throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(TrustRoot.context(server.root())).build();
        String url = server.directoryUrl().replace("/directory", "/acme/renewal-info/") + AriCertificateId.of(certificate);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return AcmeJson.read(response.body(), RenewalInfo.class).suggestedWindow().end();
    }
}
