package dev.vacme.server.va;

import io.vertx.core.Future;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Waits for a future from the test thread (never from an event loop). */
final class Await {

    private Await() {
    }

    /** Returns the future's result, or throws its failure. */
    static <T> T result(Future<T> future) throws Exception {
        try {
            return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Returns the future's failure; fails the test when it succeeded. */
    static Throwable failure(Future<?> future) throws Exception {
        try {
            Object result = future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
            throw new AssertionError("expected a failure, got " + result);
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }
}
