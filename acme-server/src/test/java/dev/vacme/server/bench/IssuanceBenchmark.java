package dev.vacme.server.bench;

import dev.vacme.server.store.PgTestDatabase;
import dev.vacme.server.testing.AcmeTestClient;
import dev.vacme.server.testing.Http01Responder;
import dev.vacme.server.testing.TestServer;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A benchmark, not a test (surefire's default includes leave it out; {@code scripts/bench} runs
 * it): whole RFC 8555 issuances (account, order, HTTP-01, finalize, download) by concurrent
 * clients against an in-process server, on SQLite and on PostgreSQL, and newNonce round trips.
 * Results go to {@code target/bench-issuance.txt}.
 */
class IssuanceBenchmark {

    private static final int WARM_UP = 20;
    private static final int ISSUANCES = Integer.getInteger("bench.issuances", 200);
    private static final int CLIENTS = Integer.getInteger("bench.clients", 8);
    private static final int NONCES = 2000;
    private static final long DEADLINE_SECONDS = 300;

    @TempDir
    Path dir;

    @Test
    void issuanceOnSqliteAndPostgres() throws Exception {
        List<String> report = new ArrayList<>();
        report.add(run("SQLite", Map.of()));
        String schema = PgTestDatabase.uniqueSchema();
        try {
            report.add(run("PostgreSQL", Map.of("db", PgTestDatabase.url(schema))));
        } finally {
            Vertx vertx = Vertx.vertx();
            PgTestDatabase.drop(vertx, schema);
            vertx.close();
        }
        Path out = Path.of("target", "bench-issuance.txt");
        Files.write(out, report);
    }

    private String run(String engine, Map<String, Object> options) throws Exception {
        try (Http01Responder responder = new Http01Responder();
                TestServer server = TestServer.start(Files.createTempDirectory(dir, engine), responder.port(), options)) {
            AcmeTestClient client = server.client();
            LoadGenerator.run(client, responder, WARM_UP, CLIENTS, DEADLINE_SECONDS);
            LoadGenerator.Result result = LoadGenerator.run(client, responder, ISSUANCES, CLIENTS, DEADLINE_SECONDS);
            long nonceStart = System.nanoTime();
            for (int i = 0; i < NONCES; i++) {
                client.nonce();
            }
            double nonceSeconds = (System.nanoTime() - nonceStart) / 1e9;
            return String.format("%-10s %d of %d issuances by %d clients in %.1f s: %.1f/s; latency p50 %d ms,"
                            + " p99 %d ms; newNonce (one client, sequential): %.0f/s",
                    engine, result.completed(), ISSUANCES, CLIENTS, result.seconds(), result.perSecond(),
                    result.percentile(50), result.percentile(99), NONCES / nonceSeconds);
        }
    }

    static {
        try {
            Files.createDirectories(Path.of("target"));
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
