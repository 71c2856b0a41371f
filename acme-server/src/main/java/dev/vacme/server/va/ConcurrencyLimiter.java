package dev.vacme.server.va;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs asynchronous tasks with at most {@code max} in flight, fairly between their owners (the
 * accounts whose challenges are validated): no owner has more than {@code maxPerOwner} running,
 * and a freed slot goes to the next owner in turn that has work waiting, so one owner with
 * hundreds of queued tasks against a host that never answers cannot make another owner's single
 * task wait behind them. Each owner's tasks start in the order they came, on the context that
 * submitted them. Nothing blocks: a full limiter only queues. Safe to call from any thread.
 */
final class ConcurrencyLimiter {

    private final Vertx vertx;
    private final int max;
    private final int maxPerOwner;
    /** Owners with waiting tasks, in the order they get the next free slot. */
    private final LinkedHashMap<String, Deque<Runnable>> waiting = new LinkedHashMap<>();
    private final Map<String, Integer> runningByOwner = new HashMap<>();
    private int running;
    private int waitingCount;

    ConcurrencyLimiter(Vertx vertx, int max, int maxPerOwner) {
        if (max < 1 || maxPerOwner < 1) {
            throw new IllegalArgumentException("at least one task must be allowed to run, not " + Math.min(max, maxPerOwner));
        }
        this.vertx = vertx;
        this.max = max;
        this.maxPerOwner = maxPerOwner;
    }

    /** Runs the owner's task now if it may, else when a slot frees up for it; completes as the task does. */
    <T> Future<T> submit(String owner, Supplier<Future<T>> task) {
        Promise<T> promise = Promise.promise();
        Context context = vertx.getOrCreateContext();
        Runnable start = () -> context.runOnContext(v -> run(owner, task, promise));
        synchronized (this) {
            if (running >= max || runningOf(owner) >= maxPerOwner) {
                waiting.computeIfAbsent(owner, ignored -> new ArrayDeque<>()).addLast(start);
                waitingCount++;
                return promise.future();
            }
            take(owner);
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
        return waitingCount;
    }

    /** Returns how many of the owner's tasks wait for a slot. */
    synchronized int waiting(String owner) {
        Deque<Runnable> queue = waiting.get(owner);
        return queue == null ? 0 : queue.size();
    }

    private <T> void run(String owner, Supplier<Future<T>> task, Promise<T> promise) {
        Future<T> result;
        try {
            result = task.get();
        } catch (RuntimeException e) {
            result = Future.failedFuture(e);
        }
        result.onComplete(done -> {
            release(owner);
            promise.handle(done);
        });
    }

    private void release(String owner) {
        Runnable next;
        synchronized (this) {
            running--;
            runningByOwner.computeIfPresent(owner, (ignored, count) -> count == 1 ? null : count - 1);
            next = nextInTurn();
        }
        if (next != null) {
            next.run();
        }
    }

    /** Takes the first waiting task of the first owner in turn that may run one more, and rotates it last. */
    private Runnable nextInTurn() {
        Iterator<Map.Entry<String, Deque<Runnable>>> owners = waiting.entrySet().iterator();
        while (owners.hasNext()) {
            Map.Entry<String, Deque<Runnable>> entry = owners.next();
            if (runningOf(entry.getKey()) >= maxPerOwner) {
                continue;
            }
            String owner = entry.getKey();
            Deque<Runnable> queue = entry.getValue();
            Runnable task = queue.pollFirst();
            owners.remove();
            if (!queue.isEmpty()) {
                waiting.put(owner, queue);
            }
            waitingCount--;
            take(owner);
            return task;
        }
        return null;
    }

    private void take(String owner) {
        running++;
        runningByOwner.merge(owner, 1, Integer::sum);
    }

    private int runningOf(String owner) {
        return runningByOwner.getOrDefault(owner, 0);
    }
}
