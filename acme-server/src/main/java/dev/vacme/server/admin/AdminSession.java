package dev.vacme.server.admin;

import dev.vacme.server.AcmeProblemException;
import dev.vacme.server.audit.FileAuditLog;
import dev.vacme.server.config.ServerConfig;
import dev.vacme.server.store.Store;
import dev.vacme.server.store.StoreLocation;
import dev.vacme.server.store.Stores;
import dev.vacme.server.store.sqlite.SqliteDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The store of a server, opened by an admin command next to the running server: SQLite in WAL
 * mode and PostgreSQL both let it read and write while the server does. Blocking is fine here;
 * this is a command, not the event loop.
 */
final class AdminSession implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Vertx vertx;
    private final Store store;
    private final ServerConfig config;

    private AdminSession(Vertx vertx, Store store, ServerConfig config) {
        this.vertx = vertx;
        this.store = store;
        this.config = config;
    }

    /**
     * Opens the configured store. An SQLite file that does not exist is an error rather than a new,
     * empty store: the operator most likely named the wrong data directory.
     */
    static AdminSession open(ServerConfig config) {
        missingStore(config).ifPresent(why -> {
            throw new AdminException(AdminCommand.EXIT_USAGE, why);
        });
        SqliteDatabase.extractNativeLibraryUnder(config.dataDir());
        Vertx vertx = Vertx.vertx();
        try {
            return new AdminSession(vertx, await(Stores.open(vertx, config.store())), config);
        } catch (AdminException e) {
            vertx.close();
            throw new AdminException(AdminCommand.EXIT_USAGE, e.getMessage());
        }
    }

    /**
     * Says why the configured store cannot be the server's, or empty when it may be: an SQLite file
     * that does not exist (the server makes it when it first starts), which opening would create
     * empty. Every command that works on the server's store checks this first, so that a mistyped
     * or forgotten {@code --data-dir} is an error and not a second store nobody reads.
     */
    static Optional<String> missingStore(ServerConfig config) {
        if (config.store() instanceof StoreLocation.Sqlite sqlite && !Files.isRegularFile(sqlite.file())) {
            return Optional.of("no store at " + sqlite.file() + ": give the server's --data-dir (or its --config),"
                    + " or --db for PostgreSQL; the server creates its store when it first starts");
        }
        return Optional.empty();
    }

    /** The server configuration the session was opened with. */
    ServerConfig config() {
        return config;
    }

    Store store() {
        return store;
    }

    /**
     * Opens the server's {@code --audit-log} for appending, so that what an operator does is recorded
     * beside what clients do; null when the configuration names none.
     */
    FileAuditLog openAuditLog() {
        if (config.auditLog().isEmpty()) {
            return null;
        }
        try {
            return FileAuditLog.open(config.auditLog().get(), Clock.systemUTC());
        } catch (IOException e) {
            throw new AdminException(AdminCommand.EXIT_USAGE, "cannot open the audit log " + config.auditLog().get()
                    + ": " + e.getMessage());
        }
    }

    /** Waits for a store operation; a failure becomes an exit with its message. */
    static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof AdminException admin) {
                throw admin;
            }
            if (cause instanceof AcmeProblemException problem) {
                throw new AdminException(AdminCommand.EXIT_FAILED, problem.problem().detail());
            }
            throw new AdminException(AdminCommand.EXIT_FAILED, oneLine(cause));
        } catch (TimeoutException e) {
            throw new AdminException(AdminCommand.EXIT_FAILED, "the database did not answer within " + TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminException(AdminCommand.EXIT_FAILED, "interrupted");
        }
    }

    private static String oneLine(Throwable error) {
        String message = error.getMessage() == null ? "the store operation failed" : error.getMessage();
        return message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }

    @Override
    public void close() {
        try {
            await(store.close());
        } catch (AdminException e) {
            // closing after the work is done; nothing is lost
        } finally {
            await(vertx.close());
        }
    }
}
