package dev.vacme.server.va;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs asynchronous tasks with at most {@code max} in flight, fairly between their owners (the
 * accounts whose challenges are validated): no owner has more than {@code maxPerOwner} running,
 * no target (the host a validation contacts) more than {@code maxPerTarget}, and a freed slot goes
 * to the next owner in turn that has work waiting for a target with room. So one owner with
 * hundreds of queued tasks against a host that never answers cannot make another owner's single
 * task wait behind them, and many owners aiming at one such host cannot fill the slots either.
 * Each owner's tasks for one target start in the order they came, on the context that submitted
 * them. Nothing blocks: a full limiter only queues. Safe to call from any thread.
 */
final class ConcurrencyLimiter {

    /** A task waiting for a slot, with the target it will contact. */
    private record Waiting(String target, Runnable start) {
    }

    private final Vertx vertx;
    private final int max;
    private final int maxPerOwner;
    private final int maxPerTarget;
    /** Owners with waiting tasks, in the order they get the next free slot. */
    private final LinkedHashMap<String, Deque<Waiting>> waiting = new LinkedHashMap<>();
    private final Map<String, Integer> runningByOwner = new HashMap<>();
    private final Map<String, Integer> runningByTarget = new HashMap<>();
    private final Map<String, Integer> waitingByTarget = new HashMap<>();
    private int running;
    private int waitingCount;

    /** A limiter without a limit per target beyond {@code max}. */
    ConcurrencyLimiter(Vertx vertx, int max, int maxPerOwner) {
        this(vertx, max, maxPerOwner, max);
    }

    ConcurrencyLimiter(Vertx vertx, int max, int maxPerOwner, int maxPerTarget) {
        if (max < 1 || maxPerOwner < 1 || maxPerTarget < 1) {
            throw new IllegalArgumentException("at least one task must be allowed to run, not "
                    + Math.min(max, Math.min(maxPerOwner, maxPerTarget)));
        }
        this.vertx = vertx;
        this.max = max;
        this.maxPerOwner = maxPerOwner;
        this.maxPerTarget = maxPerTarget;
    }

    /** Runs the owner's task now if it may, else when a slot frees up for it; completes as the task does. */
    <T> Future<T> submit(String owner, Supplier<Future<T>> task) {
        return submit(owner, "", task);
    }

    /**
     * Runs the owner's task against the target now if it may, else when a slot frees up for it;
     * completes as the task does.
     */
    <T> Future<T> submit(String owner, String target, Supplier<Future<T>> task) {
        Promise<T> promise = Promise.promise();
        Context context = vertx.getOrCreateContext();
        Runnable start = () -> context.runOnContext(v -> run(owner, target, task, promise));
        synchronized (this) {
            if (running >= max || count(runningByOwner, owner) >= maxPerOwner
                    || count(runningByTarget, target) >= maxPerTarget) {
                waiting.computeIfAbsent(owner, ignored -> new ArrayDeque<>()).addLast(new Waiting(target, start));
                waitingByTarget.merge(target, 1, Integer::sum);
                waitingCount++;
                return promise.future();
            }
            take(owner, target);
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
        Deque<Waiting> queue = waiting.get(owner);
        return queue == null ? 0 : queue.size();
    }

    /** Returns how many tasks against the target run now. */
    synchronized int runningAgainst(String target) {
        return count(runningByTarget, target);
    }

    /** Returns how many tasks against the target wait for a slot. */
    synchronized int waitingFor(String target) {
        return count(waitingByTarget, target);
    }

    private <T> void run(String owner, String target, Supplier<Future<T>> task, Promise<T> promise) {
        Future<T> result;
        try {
            result = task.get();
        } catch (RuntimeException e) {
            result = Future.failedFuture(e);
        }
        result.onComplete(done -> {
            release(owner, target);
            promise.handle(done);
        });
    }

    /**
     * Frees the task's slot and starts what may now run: freeing an owner's slot and a target's may
     * let two waiting tasks start (one held back by each), while the overall limit allows both.
     */
    private void release(String owner, String target) {
        List<Runnable> next = new ArrayList<>();
        synchronized (this) {
            running--;
            decrement(runningByOwner, owner);
            decrement(runningByTarget, target);
            for (Runnable task = nextInTurn(); task != null; task = nextInTurn()) {
                next.add(task);
            }
        }
        next.forEach(Runnable::run);
    }

    /**
     * Takes the first waiting task, of the first owner in turn that may run one more, whose target
     * has room, and rotates that owner last.
     */
    private Runnable nextInTurn() {
        if (running >= max) {
            return null;
        }
        Iterator<Map.Entry<String, Deque<Waiting>>> owners = waiting.entrySet().iterator();
        while (owners.hasNext()) {
            Map.Entry<String, Deque<Waiting>> entry = owners.next();
            String owner = entry.getKey();
            if (count(runningByOwner, owner) >= maxPerOwner) {
                continue;
            }
            Deque<Waiting> queue = entry.getValue();
            Waiting task = firstWithRoom(queue);
            if (task == null) {
                continue;
            }
            owners.remove();
            if (!queue.isEmpty()) {
                waiting.put(owner, queue);
            }
            waitingCount--;
            decrement(waitingByTarget, task.target());
            take(owner, task.target());
            return task.start();
        }
        return null;
    }

    /** Removes and returns the first task whose target may run one more; null when none may. */
    private Waiting firstWithRoom(Deque<Waiting> queue) {
        Iterator<Waiting> tasks = queue.iterator();
        while (tasks.hasNext()) {
            Waiting task = tasks.next();
            if (count(runningByTarget, task.target()) < maxPerTarget) {
                tasks.remove();
                return task;
            }
        }
        return null;
    }

    private void take(String owner, String target) {
        running++;
        runningByOwner.merge(owner, 1, Integer::sum);
        runningByTarget.merge(target, 1, Integer::sum);
    }

    private static int count(Map<String, Integer> counts, String key) {
        return counts.getOrDefault(key, 0);
    }

    private static void decrement(Map<String, Integer> counts, String key) {
        counts.computeIfPresent(key, (ignored, count) -> count == 1 ? null : count - 1);
    }
}
