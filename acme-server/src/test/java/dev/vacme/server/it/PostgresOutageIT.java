package dev.vacme.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.common.model.NewAccountRequest;
import dev.vacme.common.pki.KeyType;
import dev.vacme.server.testing.AcmeTestClient;
import dev.vacme.server.testing.Http01Responder;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL restarted under load, on a cluster of the test's own: during the outage requests
 * that need the database get 503 {@code serverInternal} with Retry-After, the server serves again
 * by itself once the database is back, and nothing a client got is lost. A server started while
 * the database is down fails with one line and exit code 2.
 */
class PostgresOutageIT {

    private static final int CLIENTS = 4;

    @TempDir
    Path dir;

    @Test
    void survivesADatabaseRestartUnderLoad() {
        Path data = dir.resolve("data");
        try (OwnPostgres postgres = OwnPostgres.create(); Http01Responder responder = new Http01Responder()) {
            ServerProcess.Result refused = ServerProcess.run("--data-dir", data.toString(), "--listen", "127.0.0.1:0",
                    "--db", postgres.url());
            assertThat(refused.exitCode()).isEqualTo(2);
            assertThat(refused.output().lines().toList()).singleElement().asString()
                    .startsWith("vacme-server: cannot open the PostgreSQL database " + postgres.url() + ": ");

            postgres.start();
            IssuingClients.Figures figures;
            long recoveredMillis;
            try (ServerProcess server = ServerProcess.start(data, responder.port(), "--db", postgres.url())) {
                AcmeTestClient probe = new AcmeTestClient(server.directoryUrl(), server.root());
                KeyPair key = KeyType.EC_P256.generate();
                IssuingClients clients = new IssuingClients(server.directoryUrl(), server.root(), responder, CLIENTS, "outage");
                try {
                    clients.awaitCompleted(8, Duration.ofSeconds(40));
                    postgres.stop();
                    AcmeTestClient.Response during = register(probe, key);
                    assertThat(during.status()).as(during.body()).isEqualTo(503);
                    assertThat(during.header("Retry-After")).isNotBlank();
                    assertThat(during.problem().type()).isEqualTo("urn:ietf:params:acme:error:serverInternal");
                    int beforeRestart = clients.completed();

                    postgres.start();
                    long restarted = System.nanoTime();
                    while (register(probe, key).status() != 201) {
                        assertThat(System.nanoTime() - restarted).as("recovery").isLessThan(Duration.ofSeconds(30).toNanos());
                        Thread.sleep(20);
                    }
                    recoveredMillis = (System.nanoTime() - restarted) / 1_000_000;
                    clients.awaitCompleted(beforeRestart + 2 * CLIENTS, Duration.ofSeconds(40));
                    figures = clients.stop();
                } finally {
                    clients.close();
                }
                assertThat(server.output()).doesNotContain("Exception");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            System.out.println("PostgresOutageIT: served again " + recoveredMillis
                    + " ms after PostgreSQL was back; " + figures);
            assertThat(figures.dirty()).isEmpty();
            StoreAudit.assertSound(List.of("--data-dir", data.toString(), "--db", postgres.url()),
                    figures.serialsByOrder());
        }
    }

    private static AcmeTestClient.Response register(AcmeTestClient client, KeyPair key) {
        return client.postWithJwk(client.directory().newAccount().toString(), key,
                new NewAccountRequest(List.of("mailto:probe@example.com"), true, null, null));
    }
}
