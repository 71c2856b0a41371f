package dev.vacme.server.bench;

import dev.vacme.server.it.ServerProcess;
import dev.vacme.server.store.PgTestDatabase;
import dev.vacme.server.testing.AcmeTestClient;
import dev.vacme.server.testing.Http01Responder;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A benchmark, not a test ({@code scripts/bench} runs it): the same load of whole issuances at 8,
 * 32 and 64 workers against Debian's Pebble and against Vacme's server jar on SQLite and on
 * PostgreSQL, each a separate process, in one run. Each server is charged the CPU time its own
 * process used (from {@code /proc}; for PostgreSQL also every {@code postgres} process), so the
 * figures compare across servers although the load generator shares the machine; for Vacme also
 * without its JIT compiler threads, whose one-off cost on a fresh JVM rivals the work measured.
 * The last column is what the load generator itself (this JVM: the clients and the HTTP-01
 * responder) used per issuance, which the two cores' budget must also cover.
 * Then 64 workers issue without pause against each Vacme server for a minute, with its resident
 * memory and old generation sampled every 10 s and its live heap measured after a full GC before
 * and after. Results go to {@code target/bench-servers.txt}.
 */
class ServerComparisonBenchmark {

    /** Worker counts, e.g. {@code -Dbench.workers=8} for a short run while profiling. */
    private static final int[] WORKERS = Arrays.stream(System.getProperty("bench.workers", "8,32,64").split(","))
            .mapToInt(Integer::parseInt).toArray();
    private static final int WARM_UP = Integer.getInteger("bench.warmUp", 200);
    private static final int REFERENCE_WARM_UP = 200;
    /**
     * After the warm-up, further rounds of {@link #WARM_UP_ROUND} issuances run while the JIT
     * compiler threads still used more than this share of a round's CPU, up to {@link #WARM_UP_MAX}
     * issuances in all: on two cores a fresh JVM keeps compiling for minutes, and a long-running CA
     * pays that once, so it is not part of the cost per certificate.
     */
    private static final double JIT_SETTLED = Double.parseDouble(System.getProperty("bench.jitSettled", "0.10"));
    private static final int WARM_UP_ROUND = 200;
    private static final int WARM_UP_MAX = Integer.getInteger("bench.warmUpMax", 4000);
    private static final int PER_WORKER = Integer.getInteger("bench.perWorker", 8);
    private static final int MIN_ISSUANCES = Integer.getInteger("bench.minIssuances", 200);
    private static final long DEADLINE_SECONDS = 120;
    /** Which servers to run, e.g. {@code -Dbench.servers=sqlite} while profiling one of them. */
    private static final List<String> SERVERS = List.of(System.getProperty("bench.servers", "pebble,sqlite,postgresql")
            .split(","));

    /**
     * Whether the load signs with the nonce of an earlier response, as real clients do
     * ({@code -Dbench.reuseNonces=true}), instead of asking newNonce before every request.
     */
    private static final boolean REUSE_NONCES = Boolean.getBoolean("bench.reuseNonces");

    /**
     * Seconds of the sustained run after the worker counts: {@link #SUSTAINED_WORKERS} workers
     * issuing without pause against each Vacme server, its memory sampled every
     * {@link #SUSTAINED_SAMPLE_SECONDS} ({@code -Dbench.sustainSeconds=0} skips it).
     */
    private static final long SUSTAINED_SECONDS = Long.getLong("bench.sustainSeconds", 60);
    private static final int SUSTAINED_WORKERS = 64;
    private static final long SUSTAINED_SAMPLE_SECONDS = 10;

    @TempDir
    Path dir;

    @Test
    void vacmeBesidePebble() throws Exception {
        List<String> report = new ArrayList<>();
        report.add(String.format("%-18s %7s %6s %6s %5s %8s %6s %6s %9s %8s %9s %8s %7s %7s",
                "server", "workers", "issued", "failed", "stuck", "orders/s", "p50 ms", "p99 ms", "CPU ms", "/Pebble",
                "w/o JIT", "/Pebble", "DB ms", "load ms"));
        Map<Integer, Double> pebbleCpu = new LinkedHashMap<>();
        try (Http01Responder responder = new Http01Responder()) {
            if (SERVERS.contains("pebble") && PebbleProcess.installed()) {
                try (PebbleProcess pebble = PebbleProcess.start(Files.createTempDirectory(dir, "pebble"), responder.port())) {
                    DoubleSupplier cpu = () -> ProcessCpu.millis(pebble.pid());
                    measure(new Target("Pebble (in memory)", load(pebble.client()), cpu, cpu, null), responder,
                            pebbleCpu, report);
                }
            }
            if (SERVERS.contains("sqlite")) {
                try (ServerProcess vacme = ServerProcess.start(Files.createTempDirectory(dir, "sqlite"), responder.port())) {
                    measure(new Target("Vacme SQLite", client(vacme), () -> ProcessCpu.millis(vacme.pid()),
                            () -> ProcessCpu.millisWithoutJit(vacme.pid()), null), responder, pebbleCpu, report);
                    reportThreads(vacme, report);
                    sustain("Vacme SQLite", vacme, responder, report);
                }
            }
            if (SERVERS.contains("postgresql")) {
                measurePostgres(responder, pebbleCpu, report);
            }
        }
        Files.write(Path.of("target", "bench-servers.txt"), report);
    }

    private void measurePostgres(Http01Responder responder, Map<Integer, Double> pebbleCpu, List<String> report)
            throws Exception {
        String schema = PgTestDatabase.uniqueSchema();
        try (ServerProcess vacme = ServerProcess.start(Files.createTempDirectory(dir, "pg"), responder.port(),
                "--db", PgTestDatabase.url(schema))) {
            measure(new Target("Vacme PostgreSQL", client(vacme), () -> ProcessCpu.millis(vacme.pid()),
                    () -> ProcessCpu.millisWithoutJit(vacme.pid()), () -> ProcessCpu.millisOfAll("postgres")),
                    responder, pebbleCpu, report);
            reportThreads(vacme, report);
            sustain("Vacme PostgreSQL", vacme, responder, report);
        } finally {
            Vertx vertx = Vertx.vertx();
            PgTestDatabase.drop(vertx, schema);
            vertx.close();
        }
    }

    /**
     * One server under load.
     *
     * @param name     as reported
     * @param client   a client of its directory
     * @param cpu      CPU milliseconds its process has used
     * @param cpuWithoutJit CPU milliseconds its process has used outside JIT compiler threads
     * @param database CPU milliseconds its database has used, or null when it has none apart
     */
    private record Target(String name, AcmeTestClient client, DoubleSupplier cpu, DoubleSupplier cpuWithoutJit,
            DoubleSupplier database) {

        /** Pebble is what every other server's CPU is compared with. */
        boolean isReference() {
            return name.startsWith("Pebble");
        }
    }

    /** Runs the warm-up and then each worker count against one server; a server whose run stalls is not driven harder. */
    private static void measure(Target target, Http01Responder responder, Map<Integer, Double> pebbleCpu,
            List<String> report) throws InterruptedException {
        // Pebble is Go: nothing to warm beyond its first requests, and the longer it runs the likelier it stalls.
        LoadGenerator.run(target.client(), responder, target.isReference() ? REFERENCE_WARM_UP : WARM_UP, 8,
                DEADLINE_SECONDS);
        int warmedUp = target.isReference() ? REFERENCE_WARM_UP : WARM_UP;
        double jitShare = 1;
        while (!target.isReference() && warmedUp < WARM_UP_MAX && jitShare > JIT_SETTLED) {
            double cpuBefore = target.cpu().getAsDouble();
            double noJitBefore = target.cpuWithoutJit().getAsDouble();
            LoadGenerator.run(target.client(), responder, WARM_UP_ROUND, 8, DEADLINE_SECONDS);
            double cpu = target.cpu().getAsDouble() - cpuBefore;
            jitShare = cpu <= 0 ? 0 : (cpu - (target.cpuWithoutJit().getAsDouble() - noJitBefore)) / cpu;
            warmedUp += WARM_UP_ROUND;
        }
        report.add(String.format("  %s: %d warm-up issuances; JIT share of the last round's CPU %.0f %%",
                target.name(), warmedUp, target.isReference() ? 0 : 100 * jitShare));
        for (int workers : WORKERS) {
            int count = Math.max(MIN_ISSUANCES, workers * PER_WORKER);
            double cpuBefore = target.cpu().getAsDouble();
            double noJitBefore = target.cpuWithoutJit().getAsDouble();
            double dbBefore = target.database() == null ? 0 : target.database().getAsDouble();
            double loadBefore = ProcessCpu.millis(ProcessHandle.current().pid());
            LoadGenerator.Result result = LoadGenerator.run(target.client(), responder, count, workers, DEADLINE_SECONDS);
            int certificates = Math.max(1, result.completed());
            double cpuPerCert = (target.cpu().getAsDouble() - cpuBefore) / certificates;
            double noJitPerCert = (target.cpuWithoutJit().getAsDouble() - noJitBefore) / certificates;
            String dbPerCert = target.database() == null ? "-"
                    : String.format("%.2f", (target.database().getAsDouble() - dbBefore) / certificates);
            double loadPerCert = (ProcessCpu.millis(ProcessHandle.current().pid()) - loadBefore) / certificates;
            if (target.isReference()) {
                pebbleCpu.put(workers, cpuPerCert);
            }
            Double pebble = pebbleCpu.get(workers);
            report.add(String.format("%-18s %7d %6d %6d %5d %8.1f %6d %6d %9.2f %8s %9.2f %8s %7s %7.2f",
                    target.name(), workers, result.completed(), result.failed(), result.stalled(), result.perSecond(),
                    result.percentile(50), result.percentile(99), cpuPerCert, ratio(cpuPerCert, pebble), noJitPerCert,
                    ratio(noJitPerCert, pebble), dbPerCert, loadPerCert));
            if (result.firstError() != null) {
                report.add("  first failure: " + result.firstError());
            }
            if (result.stalled() > 0) {
                report.add("  " + target.name() + ": " + result.stalled() + " issuances still running after "
                        + DEADLINE_SECONDS + " s; not driven harder");
                return;
            }
        }
    }

    /**
     * Keeps {@link #SUSTAINED_WORKERS} workers issuing against a Vacme server for
     * {@link #SUSTAINED_SECONDS} and reports the issuances, the failures, and the server's resident
     * memory and old generation at the start and every {@link #SUSTAINED_SAMPLE_SECONDS}.
     */
    private static void sustain(String name, ServerProcess server, Http01Responder responder, List<String> report)
            throws InterruptedException {
        if (SUSTAINED_SECONDS <= 0) {
            return;
        }
        double liveBefore = ProcessCpu.liveHeapMib(server.pid());
        LoadGenerator.Sustained run = LoadGenerator.sustain(client(server), responder, SUSTAINED_WORKERS,
                SUSTAINED_SECONDS, SUSTAINED_SAMPLE_SECONDS, () -> String.format("%.0f/%.0f",
                        ProcessCpu.residentMib(server.pid()), ProcessCpu.oldGenerationMib(server.pid())));
        report.add(String.format("  %s sustained, %d workers for %.0f s: %d issued, %d failed (%.1f orders/s);"
                + " resident/old-generation MiB every %d s: %s", name, SUSTAINED_WORKERS, run.seconds(),
                run.completed(), run.failed(), run.completed() / run.seconds(), SUSTAINED_SAMPLE_SECONDS,
                String.join(" ", run.samples())));
        report.add(String.format("  %s live heap after a full GC: %.0f MiB before the sustained run, %.0f MiB after",
                name, liveBefore, ProcessCpu.liveHeapMib(server.pid())));
        if (run.firstError() != null) {
            report.add("  first failure: " + run.firstError());
        }
    }

    /** Adds the server's CPU seconds by thread, over its whole life, for a look at where they went. */
    private static void reportThreads(ServerProcess server, List<String> report) {
        StringBuilder line = new StringBuilder("  CPU s by thread:");
        ProcessCpu.millisByThread(server.pid()).entrySet().stream().limit(8).forEach(entry ->
                line.append(String.format(" %s %.1f;", entry.getKey(), entry.getValue() / 1000)));
        report.add(line.toString());
    }

    private static String ratio(double value, Double reference) {
        return reference == null || reference == 0 ? "-" : String.format("%.2f", value / reference);
    }

    private static AcmeTestClient client(ServerProcess server) {
        return load(new AcmeTestClient(server.directoryUrl(), server.root()));
    }

    private static AcmeTestClient load(AcmeTestClient client) {
        return REUSE_NONCES ? client.reuseNonces() : client;
    }
}
