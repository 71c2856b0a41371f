package dev.vacme.server.metrics;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Measures how late each event loop runs: schedules a probe on every loop twice a second and
 * reports how much later than planned it ran. A loop that is blocked (by mistake) or saturated
 * runs it late; a healthy one within a millisecond.
 */
public final class EventLoopDelay implements AutoCloseable {

    private static final long INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private final ServerMetrics metrics;
    private final List<ScheduledFuture<?>> probes = new ArrayList<>();
    private volatile boolean closed;

    private EventLoopDelay(ServerMetrics metrics) {
        this.metrics = metrics;
    }

    /** Starts probing every event loop of {@code vertx}; nothing when nothing is measured. */
    public static EventLoopDelay start(Vertx vertx, ServerMetrics metrics) {
        EventLoopDelay delay = new EventLoopDelay(metrics);
        if (metrics != ServerMetrics.NONE) {
            for (EventExecutor loop : ((VertxInternal) vertx).nettyEventLoopGroup()) {
                delay.schedule(loop);
            }
        }
        return delay;
    }

    private void schedule(EventExecutor loop) {
        long planned = System.nanoTime() + INTERVAL_NANOS;
        ScheduledFuture<?> probe = loop.schedule(() -> {
            metrics.eventLoopDelay(Math.max(0, System.nanoTime() - planned));
            if (!closed) {
                schedule(loop);
            }
        }, INTERVAL_NANOS, TimeUnit.NANOSECONDS);
        synchronized (probes) {
            probes.removeIf(ScheduledFuture::isDone);
            probes.add(probe);
        }
    }

    @Override
    public void close() {
        closed = true;
        synchronized (probes) {
            probes.forEach(probe -> probe.cancel(false));
            probes.clear();
        }
    }
}
