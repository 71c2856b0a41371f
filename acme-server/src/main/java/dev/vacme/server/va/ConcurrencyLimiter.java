package dev.vacme.server.va;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;

/**
 * Runs asynchronous tasks with at most {@code max} in flight; the others wait in a first-in,
 * first-out queue and start, on the context that submitted them, as running ones finish. Nothing
 * blocks: a full limiter only queues. Safe to call from any thread.
 */
final class ConcurrencyLimiter {

    private final Vertx vertx;
    private final int max;
    private final Deque<Runnable> waiting = new ArrayDeque<>();
    private int running;

    ConcurrencyLimiter(Vertx vertx, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("at least one task must be allowed to run, not " + max);
        }
        this.vertx = vertx;
        this.max = max;
    }

    /** Runs the task now if a slot is free, else when one frees up; completes as the task does. */
    <T> Future<T> submit(Supplier<Future<T>> task) {
        Promise<T> promise = Promise.promise();
        Context context = vertx.getOrCreateContext();
        Runnable start = () -> context.runOnContext(v -> run(task, promise));
        synchronized (this) {
            if (running >= max) {
                waiting.addLast(start);
                return promise.future();
            }
            running++;
        }
        start.run();
        return promise.future();
    }

    /** Returns how many tasks are running. */
    synchronized int running() {
        return running;
    }

    /** Returns how many tasks wait for a slot. */
    synchronized int waiting() {
        return waiting.size();
    }

    private <T> void run(Supplier<Future<T>> task, Promise<T> promise) {
        Future<T> result;
        try {
            result = task.get();
        } catch (RuntimeException e) {
            result = Future.failedFuture(e);
        }
        result.onComplete(done -> {
            release();
            promise.handle(done);
        });
    }

    private void release() {
        Runnable next;
        synchronized (this) {
            next = waiting.pollFirst();
            if (next == null) {
                running--;
            }
        }
        if (next != null) {
            next.run();
        }
    }
}
