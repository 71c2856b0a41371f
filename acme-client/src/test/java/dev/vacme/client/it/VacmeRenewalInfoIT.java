package dev.vacme.client.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.vacme.client.acme.AcmeRequest;
import dev.vacme.client.testing.AcmeTestServer;
import dev.vacme.client.testing.CliRunner.Result;
import dev.vacme.client.testing.VacmeServerProcess;
import dev.vacme.common.json.AcmeJson;
import dev.vacme.common.jws.FlattenedJws;
import dev.vacme.common.jws.JwsException;
import dev.vacme.common.pki.AriCertificateId;
import dev.vacme.common.pki.Pem;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What only Vacme's own server offers of the suite: renewal information (RFC 9773). After
 * issuance the window is fetched and remembered, so renew makes no request until the server's
 * Retry-After has passed; renewals carry {@code replaces}; the window of a certificate revoked
 * elsewhere lies in the past, which makes the next check renew it. Also manual hooks for http-01.
 */
class VacmeRenewalInfoIT extends AcmeServerTestBase {

    @Override
    AcmeTestServer startServer(Path dir) throws IOException {
        return VacmeServerProcess.start(dir.resolve("server-data"));
    }

    private X509Certificate liveCertificate(String name) throws IOException {
        return Pem.readCertificate(Files.readString(live(name).resolve("cert.pem")));
    }

    private List<JsonNode> newOrderPayloads() {
        return network.requests().stream()
                .filter(request -> "POST".equals(request.method()) && request.uri().getPath().contains("order")
                        && !request.uri().getPath().contains("finalize"))
                .map(VacmeRenewalInfoIT::payload)
                .filter(payload -> payload.has("identifiers"))
                .toList();
    }

    private static JsonNode payload(AcmeRequest request) {
        try {
            FlattenedJws jws = FlattenedJws.parse(request.body());
            byte[] payload = jws.payload();
            return payload.length == 0 ? AcmeJson.objectNode() : AcmeJson.readTree(payload);
        } catch (JwsException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void remembersTheWindowSendsReplacesAndRenewsARevokedCertificateAtTheNextCheck() throws Exception {
        Result issued = vacme(args("certonly", standalone(), "-d", "ari.test", "--register-unsafely-without-email",
                "--agree-tos"));
        assertThat(issued.exitCode()).as(issued + server.logs()).isZero();
        X509Certificate first = liveCertificate("ari.test");
        String conf = Files.readString(config.resolve("renewal/ari.test.conf"));
        assertThat(conf).contains("ari_id = " + AriCertificateId.of(first), "[ari]", "window_start = ",
                "next_check = ");
        assertThat(newOrderPayloads()).singleElement().satisfies(p -> assertThat(p.has("replaces")).isFalse());

        network.reset();
        Result nothingDue = vacme("renew");
        assertThat(nothingDue.exitCode()).isZero();
        assertThat(network.requests()).as("a renew run inside the server's Retry-After").isEmpty();

        Result listed = vacme("certificates", "--json");
        JsonNode entry = AcmeJson.readTree(listed.out().getBytes(StandardCharsets.UTF_8)).get("certificates").get(0);
        assertThat(entry.get("renewalBasis").asText()).isEqualTo("ari");
        Instant start = Instant.parse(entry.get("ariWindow").get("start").asText());
        Instant end = Instant.parse(entry.get("ariWindow").get("end").asText());
        assertThat(Instant.parse(entry.get("renewAt").asText())).isBetween(start, end);

        network.reset();
        Result forced = vacme("renew", "--force-renewal", "--no-random-sleep-on-renew");
        assertThat(forced.exitCode()).as(forced + server.logs()).isZero();
        assertThat(newOrderPayloads()).singleElement().satisfies(p ->
                assertThat(p.get("replaces").asText()).isEqualTo(AriCertificateId.of(first).toString()));
        X509Certificate second = liveCertificate("ari.test");

        // Revoked elsewhere (with the certificate's key, from another config directory), so this lineage
        // knows nothing of it: the server's renewal information has to tell.
        Path copy = home.resolve("ari-cert.pem");
        Path keyCopy = home.resolve("ari-key.pem");
        Files.copy(live("ari.test").resolve("cert.pem"), copy);
        Files.copy(live("ari.test").resolve("privkey.pem"), keyCopy);
        Result revoked = cli().run("--ca-bundle", server.caBundle().toString(), "--server",
                server.directoryUrl().toString(), "--config-dir", home.resolve("elsewhere").toString(), "revoke",
                "--cert-path", copy.toString(), "--key-path", keyCopy.toString());
        assertThat(revoked.exitCode()).as(revoked.toString()).isZero();
        assertThat(server.isRevoked(second)).isTrue();
        assertThat(Files.readString(config.resolve("renewal/ari.test.conf"))).doesNotContain("revoked_at");

        network.reset();
        Clock later = Clock.fixed(Instant.now().plus(Duration.ofHours(7)), ZoneOffset.UTC);
        Result atNextCheck = cli().clock(later).run(withServer("renew", "--no-random-sleep-on-renew"));
        assertThat(atNextCheck.exitCode()).as(atNextCheck + server.logs()).isZero();
        assertThat(atNextCheck.out()).contains("Renewing ari.test (the server's renewal window");
        assertThat(network.requests().get(0).method()).isEqualTo("GET");
        assertThat(network.requests().get(0).uri().toString()).endsWith("/" + AriCertificateId.of(second));
        assertThat(newOrderPayloads()).singleElement().satisfies(p ->
                assertThat(p.get("replaces").asText()).isEqualTo(AriCertificateId.of(second).toString()));
        assertThat(Files.readSymbolicLink(live("ari.test"))).isEqualTo(Path.of("../archive/ari.test/3"));
    }

    @Test
    void manualHooksAnswerHttp01() throws Exception {
        Path webroot = Files.createDirectories(home.resolve("www"));
        Path auth = home.resolve("auth.sh");
        Files.writeString(auth, "#!/bin/sh\nmkdir -p " + webroot + "/.well-known/acme-challenge\n"
                + "printf %s \"$CERTBOT_VALIDATION\" > " + webroot + "/.well-known/acme-challenge/$CERTBOT_TOKEN\n");
        Path cleanup = home.resolve("cleanup.sh");
        Files.writeString(cleanup, "#!/bin/sh\nrm -f " + webroot + "/.well-known/acme-challenge/$CERTBOT_TOKEN\n");
        for (Path script : List.of(auth, cleanup)) {
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        var web = HttpServer.create(
                new InetSocketAddress("127.0.0.1", server.httpPort()), 8);
        web.createContext("/", exchange -> {
            try (exchange) {
                Path file = webroot.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
                byte[] body = file.startsWith(webroot) && Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
                exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
                if (body != null) {
                    exchange.getResponseBody().write(body);
                }
            }
        });
        web.start();
        Result result;
        try {
            result = vacme("certonly", "--manual", "--preferred-challenges", "http", "--manual-auth-hook",
                    auth.toString(), "--manual-cleanup-hook", cleanup.toString(), "-d", "hook.test",
                    "--register-unsafely-without-email", "--agree-tos");
        } finally {
            web.stop(0);
        }

        assertThat(result.exitCode()).as(result + server.logs()).isZero();
        assertThat(live("hook.test").resolve("fullchain.pem")).exists();
        try (var left = Files.list(webroot.resolve(".well-known/acme-challenge"))) {
            assertThat(left).isEmpty();
        }
    }
}
