package dev.vacme.server.metrics;

import dev.vacme.server.store.Store;
import io.vertx.core.Future;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Times every operation of a {@link Store} into {@link ServerMetrics#storeOperation}, by method
 * name, from the call until its future completes. A dynamic proxy, so that an operation added to
 * the store interface is timed without a change here.
 */
public final class TimedStore implements InvocationHandler {

    private final Store store;
    private final ServerMetrics metrics;

    private TimedStore(Store store, ServerMetrics metrics) {
        this.store = store;
        this.metrics = metrics;
    }

    /** Returns {@code store} itself when nothing is measured, else a timing view of it. */
    public static Store wrap(Store store, ServerMetrics metrics) {
        if (metrics == ServerMetrics.NONE) {
            return store;
        }
        return (Store) Proxy.newProxyInstance(Store.class.getClassLoader(), new Class<?>[] {Store.class},
                new TimedStore(store, metrics));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return method.invoke(store, args);
        }
        long started = System.nanoTime();
        Object result;
        try {
            result = method.invoke(store, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
        if (result instanceof Future<?> future && !method.getName().equals("close")) {
            String operation = method.getName();
            future.onComplete(done -> metrics.storeOperation(operation, done.succeeded(), System.nanoTime() - started));
        }
        return result;
    }
}
