package dev.vacme.server.admin;

import dev.vacme.server.config.ConfigException;
import dev.vacme.server.config.ConfigLoader;
import dev.vacme.server.config.ServerConfig;
import dev.vacme.server.store.Store;
import dev.vacme.server.store.Stores;
import dev.vacme.server.store.sqlite.SqliteDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine.Option;

/**
 * Where the {@code eab} commands find the server's store: the same {@code --config},
 * {@code --data-dir} and {@code --db} as the server, so they work beside a running server.
 */
final class EabStoreOptions {

    @Option(names = "--config", paramLabel = "FILE", description = "The server's YAML file")
    Path configFile;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "The server's data directory (default: ./vacme-data)")
    String dataDir;

    @Option(names = "--db", paramLabel = "URL", description = "The server's PostgreSQL database, if it uses one")
    String db;

    /** The server configuration these options and the file describe. */
    ServerConfig config() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("data-dir", dataDir);
        values.put("db", db);
        return ConfigLoader.load(Optional.ofNullable(configFile), values);
    }

    /**
     * Opens the store (migrating it if needed), runs the work and closes everything again. A missing
     * SQLite file is a {@link ConfigException} (see {@link AdminSession#missingStore}).
     * Blocking: for a command's main thread.
     */
    <T> T withStore(Function<Store, Future<T>> work) {
        ServerConfig config = config();
        AdminSession.missingStore(config).ifPresent(why -> {
            throw new ConfigException(why);
        });
        SqliteDatabase.extractNativeLibraryUnder(config.dataDir());
        Vertx vertx = Vertx.vertx();
        try {
            return Stores.open(vertx, config.store(), Clock.systemUTC())
                    .compose(store -> work.apply(store).eventually(store::close))
                    .toCompletionStage().toCompletableFuture().join();
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }
}
