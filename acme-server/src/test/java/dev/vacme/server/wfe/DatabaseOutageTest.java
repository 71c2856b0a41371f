package dev.vacme.server.wfe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.common.model.Identifier;
import dev.vacme.common.model.NewOrderRequest;
import dev.vacme.common.pki.KeyType;
import dev.vacme.server.it.ServerProcess;
import dev.vacme.server.store.PgTestDatabase;
import dev.vacme.server.store.StoreLocation;
import dev.vacme.server.testing.AcmeFlow;
import dev.vacme.server.testing.AcmeTestClient.Response;
import dev.vacme.server.testing.Http01Responder;
import dev.vacme.server.testing.Poll;
import dev.vacme.server.testing.TcpProxy;
import dev.vacme.server.testing.TestServer;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PostgreSQL outage while the server runs (played by cutting a TCP proxy in front of the test
 * database, never by stopping it): requests get 503 with Retry-After, not a 500, the admin
 * listener's readiness check says not ready, and the server serves again without a restart once
 * the database is back.
 */
class DatabaseOutageTest {

    @TempDir
    Path dataDir;

    @Test
    void anOutageIsA503WithRetryAfterAndTheServerRecoversByItself() {
        StoreLocation.Postgres database = (StoreLocation.Postgres) StoreLocation.parse(PgTestDatabase.URL);
        String schema = PgTestDatabase.uniqueSchema();
        int adminPort = ServerProcess.freePort();
        try (TcpProxy proxy = new TcpProxy(database.host(), database.port());
                Http01Responder responder = new Http01Responder();
                TestServer server = TestServer.start(dataDir, responder.port(),
                        Map.of("db", proxied(database, proxy.port(), schema), "admin-listen", "127.0.0.1:" + adminPort))) {
            AcmeFlow account = new AcmeFlow(server.client(), responder, KeyType.EC_P256.generate()).register();
            String newOrder = server.client().directory().newOrder().toString();
            NewOrderRequest order = new NewOrderRequest(List.of(Identifier.dns("outage.test")), null, null, null, null);

            assertThat(health(adminPort, "/health/ready")).isEqualTo("200 {\"status\":\"ready\"}");

            proxy.cut();
            Response during = account.post(newOrder, order);
            String readyDuring = health(adminPort, "/health/ready");

            assertThat(during.status()).as(during.body()).isEqualTo(503);
            assertThat(during.problem().type()).isEqualTo("urn:ietf:params:acme:error:serverInternal");
            assertThat(during.problem().detail()).isEqualTo("the server's database is unavailable; retry in a few seconds");
            assertThat(during.header("Retry-After")).isEqualTo("5");
            assertThat(readyDuring).startsWith("503 {\"status\":\"not ready\",\"reason\":\"the database does not answer: ");
            assertThat(health(adminPort, "/health/live")).isEqualTo("200 {\"status\":\"live\"}");

            proxy.restore();
            Response after = Poll.until(() -> account.post(newOrder, order), r -> r.status() != 503,
                    Duration.ofSeconds(30));

            assertThat(after.status()).as(after.body()).isEqualTo(201);
            assertThat(health(adminPort, "/health/ready")).startsWith("200 ");
        } finally {
            Vertx vertx = Vertx.vertx();
            PgTestDatabase.drop(vertx, schema);
            vertx.close();
        }
    }

    /** GETs a health check from the admin listener; returns "STATUS BODY". */
    private static String health(int port, String path) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() + " " + response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String proxied(StoreLocation.Postgres database, int port, String schema) {
        String credentials = database.user() + (database.password() == null ? "" : ":" + database.password());
        return "postgresql://" + credentials + "@127.0.0.1:" + port + "/" + database.database() + "?schema=" + schema;
    }
}
