package dev.vacme.server.store.sql;

import io.vertx.core.Future;
import java.util.List;
import java.util.function.Function;

/** Small helpers for chaining statements. */
final class Futures {

    private Futures() {
    }

    /** Runs {@code step} for each item, one after the other; fails at the first failure. */
    static <T> Future<Void> each(List<T> items, Function<T, Future<?>> step) {
        Future<Void> chain = Future.succeededFuture();
        for (T item : items) {
            chain = chain.compose(v -> step.apply(item).mapEmpty());
        }
        return chain;
    }
}
