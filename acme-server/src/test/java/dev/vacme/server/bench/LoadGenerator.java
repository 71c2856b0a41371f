package dev.vacme.server.bench;

import dev.vacme.common.model.Order;
import dev.vacme.common.model.OrderStatus;
import dev.vacme.common.pki.KeyType;
import dev.vacme.server.testing.AcmeFlow;
import dev.vacme.server.testing.AcmeTestClient;
import dev.vacme.server.testing.Http01Responder;
import dev.vacme.server.testing.Poll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Whole RFC 8555 issuances (new account, order, HTTP-01, finalize with a fresh P-256 key,
 * download) run by concurrent workers against any ACME server, as the benchmarks' load. Polls
 * every 25 ms whatever Retry-After says, so the figures measure the server, not its advice.
 */
final class LoadGenerator {

    private static final AtomicInteger NAMES = new AtomicInteger();

    private LoadGenerator() {
    }

    /**
     * The outcome of one run.
     *
     * @param completed  issuances that finished
     * @param failed     issuances that failed with an error
     * @param stalled    issuances still running at the deadline
     * @param seconds    wall time of the run
     * @param latencies  milliseconds of each completed issuance, sorted
     * @param firstError the first failure's message, or null
     */
    record Result(int completed, int failed, int stalled, double seconds, List<Long> latencies, String firstError) {

        double perSecond() {
            return completed / seconds;
        }

        long percentile(int percent) {
            return latencies.isEmpty() ? -1 : latencies.get(Math.min(latencies.size() - 1, latencies.size() * percent / 100));
        }
    }

    /**
     * The outcome of a sustained run.
     *
     * @param completed issuances that finished
     * @param failed    issuances that failed with an error
     * @param seconds   wall time of the run
     * @param samples   what the sampler returned every {@code sampleSeconds}, in order
     * @param firstError the first failure's message, or null
     */
    record Sustained(int completed, int failed, double seconds, List<String> samples, String firstError) {
    }

    /**
     * Keeps {@code workers} threads issuing for {@code seconds}, each starting its next issuance
     * when its last one ends, and asks {@code sampler} (e.g. the server's memory) at the
     * start and every {@code sampleSeconds}.
     */
    static Sustained sustain(AcmeTestClient client, Http01Responder responder, int workers, long seconds,
            long sampleSeconds, Supplier<String> sampler) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        AtomicInteger completed = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<String> firstError = new AtomicReference<>();
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        List<String> samples = new ArrayList<>();
        samples.add(sampler.get());
        try {
            for (int i = 0; i < workers; i++) {
                pool.execute(() -> {
                    while (System.nanoTime() < end) {
                        try {
                            issueOne(client, responder);
                            completed.incrementAndGet();
                        } catch (RuntimeException e) {
                            failed.incrementAndGet();
                            firstError.compareAndSet(null, String.valueOf(e));
                        }
                    }
                });
            }
            for (long next = start + TimeUnit.SECONDS.toNanos(sampleSeconds); next <= end;
                    next += TimeUnit.SECONDS.toNanos(sampleSeconds)) {
                TimeUnit.NANOSECONDS.sleep(Math.max(0, next - System.nanoTime()));
                samples.add(sampler.get());
            }
            pool.shutdown();
            if (!pool.awaitTermination(120, TimeUnit.SECONDS)) {
                failed.addAndGet(workers);
                firstError.compareAndSet(null, "issuances still running 120 s after the end");
            }
            return new Sustained(completed.get(), failed.get(), (System.nanoTime() - start) / 1e9, samples,
                    firstError.get());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Runs {@code count} issuances on {@code workers} threads, giving up on those not done by the deadline. */
    static Result run(AcmeTestClient client, Http01Responder responder, int count, int workers, long deadlineSeconds)
            throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            long start = System.nanoTime();
            List<Future<Long>> runs = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                runs.add(pool.submit(() -> issueOne(client, responder)));
            }
            long deadline = start + TimeUnit.SECONDS.toNanos(deadlineSeconds);
            List<Long> latencies = new ArrayList<>();
            int failed = 0;
            int stalled = 0;
            String firstError = null;
            for (Future<Long> run : runs) {
                try {
                    latencies.add(run.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
                } catch (ExecutionException e) {
                    failed++;
                    firstError = firstError != null ? firstError : String.valueOf(e.getCause());
                } catch (TimeoutException e) {
                    stalled++;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Collections.sort(latencies);
            return new Result(latencies.size(), failed, stalled, seconds, latencies, firstError);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * One issuance. Finalize may answer {@code processing} (Pebble finalizes in the background), so
     * the order is polled until it is valid, as a client does.
     */
    private static long issueOne(AcmeTestClient client, Http01Responder responder) {
        long begin = System.nanoTime();
        AcmeFlow flow = new AcmeFlow(client, responder, KeyType.EC_P256.generate()).register();
        String name = "load" + NAMES.incrementAndGet() + ".bench.test";
        String orderUrl = flow.order(name);
        flow.authorize(orderUrl);
        AcmeTestClient.Response finalized = flow.finalizeOrder(orderUrl, name);
        if (finalized.status() != 200) {
            throw new IllegalStateException("finalize answered " + finalized.status() + ": " + finalized.body());
        }
        Order order = Poll.until(() -> flow.fetchOrder(orderUrl),
                o -> o.status() != OrderStatus.PROCESSING && o.status() != OrderStatus.READY, Duration.ofSeconds(60));
        if (order.status() != OrderStatus.VALID) {
            throw new IllegalStateException("the order ended " + order.status().wireName());
        }
        AcmeTestClient.Response certificate = flow.post(order.certificate().toString(), null);
        if (certificate.status() != 200) {
            throw new IllegalStateException("the certificate download answered " + certificate.status());
        }
        return (System.nanoTime() - begin) / 1_000_000;
    }
}
