package dev.vacme.server;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A started server: where it listens, and how to stop it. */
public final class RunningServer {

    private final Vertx vertx;
    private final int port;
    private final String directoryUrl;
    private final Path rootCertificate;
    private final String storeDescription;
    private final Runnable reopenLogFiles;
    private final CountDownLatch stopped = new CountDownLatch(1);

    RunningServer(Vertx vertx, int port, String directoryUrl, Path rootCertificate, String storeDescription,
            Runnable reopenLogFiles) {
        this.reopenLogFiles = reopenLogFiles;
        this.vertx = vertx;
        this.port = port;
        this.directoryUrl = directoryUrl;
        this.rootCertificate = rootCertificate;
        this.storeDescription = storeDescription;
    }

    /** Returns the port the server listens on (useful when it was started on port 0). */
    public int port() {
        return port;
    }

    /** Returns the directory URL clients use. */
    public String directoryUrl() {
        return directoryUrl;
    }

    /** Returns the path of the root certificate clients must trust. */
    public Path rootCertificate() {
        return rootCertificate;
    }

    /** Describes the store, e.g. its SQLite file or PostgreSQL database (never with a password). */
    public String storeDescription() {
        return storeDescription;
    }

    /** Closes and reopens the log files (the audit log, Logback's file appenders), as SIGHUP asks. */
    public void reopenLogFiles() {
        reopenLogFiles.run();
    }

    /**
     * Stops the server: closes the listener, the store and every thread. Idempotent. Waits up to
     * 30 seconds; it is called from {@code main}, a JVM shutdown hook or a test, never from an
     * event loop (it would wait on itself).
     */
    public void stop() {
        if (stopped.getCount() == 0) {
            return;
        }
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LoggerFactory.getLogger(RunningServer.class).warn("the server did not stop cleanly", e);
        } finally {
            stopped.countDown();
        }
    }

    /** Blocks the calling thread ({@code main}, never an event loop) until {@link #stop()} has run. */
    public void awaitStop() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
