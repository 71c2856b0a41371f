package dev.vacme.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * {@link ServerMetrics} kept in a Micrometer registry and written in the Prometheus text format
 * for {@code /metrics}, together with the JVM's memory, garbage collection, threads, classes and
 * the process's CPU, open files and uptime. Every name starts with {@code vacme_}, except the
 * JVM's and process's standard ones.
 */
public final class MicrometerMetrics implements ServerMetrics, AutoCloseable {

    /** Latency buckets for requests: an ACME request takes milliseconds, a finalize up to seconds. */
    private static final Duration[] REQUEST_BUCKETS = millis(1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000);
    /** Latency buckets for store operations and event-loop delay. */
    private static final Duration[] SHORT_BUCKETS = millis(1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 5000);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Counter accounts;
    private final Counter orders;
    private final Counter issued;
    private final Timer eventLoopDelay;

    /** Creates the registry and binds the JVM and process metrics. */
    public MicrometerMetrics() {
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        accounts = Counter.builder("vacme.accounts").description("Accounts created").register(registry);
        orders = Counter.builder("vacme.orders").description("Orders created").register(registry);
        issued = Counter.builder("vacme.certificates.issued").description("Certificates issued").register(registry);
        eventLoopDelay = Timer.builder("vacme.event.loop.delay")
                .description("How late event loops ran a probe task; high values mean blocked or saturated loops")
                .serviceLevelObjectives(SHORT_BUCKETS).register(registry);
    }

    /** Returns every metric in the Prometheus text exposition format (version 0.0.4). */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void request(String route, String method, int status, long nanos) {
        Timer.builder("vacme.http.requests").description("HTTP requests to the ACME listener")
                .tag("route", route).tag("method", method).tag("status", Integer.toString(status))
                .serviceLevelObjectives(REQUEST_BUCKETS).register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void storeOperation(String operation, boolean ok, long nanos) {
        Timer.builder("vacme.store.operations").description("Store (database) operations")
                .tag("operation", operation).tag("outcome", ok ? "success" : "failure")
                .serviceLevelObjectives(SHORT_BUCKETS).register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void nonceRedeemed(boolean accepted) {
        Counter.builder("vacme.nonce.redemptions").description("Nonces presented by clients")
                .tag("outcome", accepted ? "accepted" : "refused").register(registry).increment();
    }

    @Override
    public void eventLoopDelay(long nanos) {
        eventLoopDelay.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void accountCreated() {
        accounts.increment();
    }

    @Override
    public void orderCreated() {
        orders.increment();
    }

    @Override
    public void validation(String challengeType, String outcome) {
        Counter.builder("vacme.validations").description("Finished validations by challenge type and outcome")
                .tag("type", challengeType).tag("outcome", outcome).register(registry).increment();
    }

    @Override
    public void certificateIssued() {
        issued.increment();
    }

    @Override
    public void certificateRevoked(int reason) {
        Counter.builder("vacme.certificates.revoked").description("Certificates revoked by RFC 5280 reason code")
                .tag("reason", Integer.toString(reason)).register(registry).increment();
    }

    @Override
    public void crlGenerated() {
        Counter.builder("vacme.crl.generated").description("CRLs generated and stored").register(registry).increment();
    }

    @Override
    public void ocspAnswered(String status) {
        Counter.builder("vacme.ocsp.responses").description("OCSP requests answered, by status")
                .tag("status", status).register(registry).increment();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }

    private static Duration[] millis(long... values) {
        Duration[] durations = new Duration[values.length];
        for (int i = 0; i < values.length; i++) {
            durations[i] = Duration.ofMillis(values[i]);
        }
        return durations;
    }
}
