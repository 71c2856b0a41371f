package dev.vacme.server.bench;

import dev.vacme.common.pki.KeyType;
import dev.vacme.server.store.PgTestDatabase;
import dev.vacme.server.testing.AcmeFlow;
import dev.vacme.server.testing.AcmeTestClient;
import dev.vacme.server.testing.Http01Responder;
import dev.vacme.server.testing.TestServer;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
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
            issue(client, responder, WARM_UP, CLIENTS, "warm");
            long start = System.nanoTime();
            List<Long> latencies = issue(client, responder, ISSUANCES, CLIENTS, "bench");
            double seconds = (System.nanoTime() - start) / 1e9;
            long nonceStart = System.nanoTime();
            for (int i = 0; i < NONCES; i++) {
                client.nonce();
            }
            double nonceSeconds = (System.nanoTime() - nonceStart) / 1e9;
            Collections.sort(latencies);
            return String.format("%-10s %d issuances by %d clients in %.1f s: %.1f/s; latency p50 %d ms, p99 %d ms;"
                            + " newNonce (one client, sequential): %.0f/s",
                    engine, ISSUANCES, CLIENTS, seconds, ISSUANCES / seconds, percentile(latencies, 50),
                    percentile(latencies, 99), NONCES / nonceSeconds);
        }
    }

    /** Runs {@code count} whole issuances on {@code clients} threads; returns each one's milliseconds. */
    private static List<Long> issue(AcmeTestClient client, Http01Responder responder, int count, int clients,
            String prefix) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger next = new AtomicInteger();
        try {
            List<Future<Long>> runs = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                runs.add(pool.submit(() -> {
                    long begin = System.nanoTime();
                    AcmeFlow flow = new AcmeFlow(client, responder, KeyType.EC_P256.generate()).register();
                    flow.issue(prefix + next.incrementAndGet() + ".bench.test");
                    return (System.nanoTime() - begin) / 1_000_000;
                }));
            }
            List<Long> latencies = new ArrayList<>();
            for (Future<Long> run : runs) {
                latencies.add(run.get());
            }
            return latencies;
        } finally {
            pool.shutdownNow();
        }
    }

    private static long percentile(List<Long> sorted, int percent) {
        return sorted.get(Math.min(sorted.size() - 1, sorted.size() * percent / 100));
    }

    static {
        try {
            Files.createDirectories(Path.of("target"));
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
