package dev.vacme.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.common.jws.Base64Url;
import dev.vacme.common.jws.JwsSigner;
import dev.vacme.common.model.RevocationRequest;
import dev.vacme.common.pki.KeyType;
import dev.vacme.common.pki.Pem;
import dev.vacme.server.it.ServerProcess;
import dev.vacme.server.testing.AcmeFlow;
import dev.vacme.server.testing.AcmeTestClient;
import dev.vacme.server.testing.AdminClient;
import dev.vacme.server.testing.Http01Responder;
import dev.vacme.server.testing.Poll;
import dev.vacme.server.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /metrics} on the admin listener counts what the server did, in the Prometheus text format. */
class MetricsEndpointTest {

    @TempDir
    static Path dataDir;

    private static Http01Responder responder;
    private static TestServer server;
    private static AcmeTestClient client;
    private static AdminClient admin;

    @BeforeAll
    static void startServer() {
        responder = new Http01Responder();
        int adminPort = ServerProcess.freePort();
        server = TestServer.start(dataDir, responder.port(), Map.of("admin-listen", "127.0.0.1:" + adminPort));
        client = server.client();
        admin = new AdminClient(adminPort);
    }

    @AfterAll
    static void stopServer() {
        server.close();
        responder.close();
    }

    @Test
    void anIssuanceAndARevocationAreCountedWithTheirRequestsValidationsAndStoreOperations() throws Exception {
        AcmeFlow account = new AcmeFlow(client, responder, KeyType.EC_P256.generate()).register();
        Scrape before = scrape();

        X509Certificate leaf = Pem.readCertificate(account.issue("metrics.test"));
        AcmeTestClient.Response revoked = account.post(client.directory().revokeCert().toString(),
                new RevocationRequest(Base64Url.encode(leaf.getEncoded()), 4));
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        Scrape after = scrape();

        assertThat(increase(before, after, "vacme_certificates_issued_total")).isEqualTo(1);
        assertThat(increase(before, after, "vacme_orders_total")).isEqualTo(1);
        assertThat(increase(before, after, "vacme_validations_total", "type", "http-01", "outcome", "valid"))
                .isEqualTo(1);
        assertThat(increase(before, after, "vacme_certificates_revoked_total", "reason", "4")).isEqualTo(1);
        assertThat(increase(before, after, "vacme_http_requests_seconds_count",
                "method", "POST", "route", "/acme/order/:id/finalize", "status", "200")).isEqualTo(1);
        assertThat(increase(before, after, "vacme_http_requests_seconds_count",
                "method", "POST", "route", "/acme/new-order", "status", "201")).isEqualTo(1);
        assertThat(increase(before, after, "vacme_http_requests_seconds_bucket",
                "route", "/acme/new-order", "le", "+Inf")).isEqualTo(1);
        assertThat(increase(before, after, "vacme_store_operations_seconds_count",
                "operation", "completeOrder", "outcome", "success")).isEqualTo(1);
        assertThat(increase(before, after, "vacme_nonce_redemptions_total", "outcome", "accepted"))
                .as("one nonce per signed request").isGreaterThanOrEqualTo(6);
    }

    @Test
    void routesAreLabelledByTemplateNeverByTheRawPath() {
        AcmeFlow account = new AcmeFlow(client, responder, KeyType.EC_P256.generate()).register();
        String order = account.order("template.test");
        account.fetchOrder(order);
        client.get(server.baseUrl() + "/acme/no-such-thing/" + System.nanoTime());

        Scrape scrape = scrape();

        assertThat(scrape.value("vacme_http_requests_seconds_count", "route", "/acme/order/:id", "status", "200"))
                .isGreaterThanOrEqualTo(1);
        assertThat(scrape.value("vacme_http_requests_seconds_count", "route", "unmatched", "status", "404"))
                .isGreaterThanOrEqualTo(1);
        assertThat(scrape.lines()).filteredOn(line -> line.startsWith("vacme_http_requests"))
                .noneMatch(line -> line.contains(order.substring(order.lastIndexOf('/') + 1)))
                .noneMatch(line -> line.contains("no-such-thing"));
    }

    @Test
    void aReplayedNonceIsCountedAsRefused() {
        AcmeFlow account = new AcmeFlow(client, responder, KeyType.EC_P256.generate()).register();
        String nonce = client.nonce();
        String url = account.kid();
        Scrape before = scrape();

        client.postJws(url, JwsSigner.signWithKid(account.accountKey(), account.kid(), nonce, url, new byte[0]));
        AcmeTestClient.Response replayed = client.postJws(url,
                JwsSigner.signWithKid(account.accountKey(), account.kid(), nonce, url, new byte[0]));

        assertThat(replayed.problem().type()).isEqualTo("urn:ietf:params:acme:error:badNonce");
        Scrape after = scrape();
        assertThat(increase(before, after, "vacme_nonce_redemptions_total", "outcome", "accepted")).isEqualTo(1);
        assertThat(increase(before, after, "vacme_nonce_redemptions_total", "outcome", "refused")).isEqualTo(1);
    }

    @Test
    void theJvmProcessAndEventLoopsAreMeasured() {
        HttpResponse<String> response = admin.get("/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");

        Scrape scrape = Poll.until(MetricsEndpointTest::scrape,
                s -> s.value("vacme_event_loop_delay_seconds_count") > 0, Duration.ofSeconds(10));

        assertThat(scrape.value("jvm_memory_used_bytes", "area", "heap")).isPositive();
        assertThat(scrape.value("jvm_threads_live_threads")).isPositive();
        assertThat(scrape.has("jvm_gc_memory_allocated_bytes_total")).isTrue();
        assertThat(scrape.has("process_cpu_usage")).isTrue();
        assertThat(scrape.value("process_uptime_seconds")).isPositive();
        assertThat(scrape.value("process_files_open_files")).isPositive();
    }

    private static Scrape scrape() {
        HttpResponse<String> response = admin.get("/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        return Scrape.of(response.body());
    }

    private static double increase(Scrape before, Scrape after, String name, String... labels) {
        return after.value(name, labels) - before.value(name, labels);
    }
}
