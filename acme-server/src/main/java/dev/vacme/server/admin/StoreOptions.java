package dev.vacme.server.admin;

import dev.vacme.server.config.ConfigLoader;
import dev.vacme.server.config.ServerConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options every admin command shares: which server's store to open, named as the server names it. */
final class StoreOptions {

    @Option(names = "--config", paramLabel = "FILE", description = "The server's YAML file; its data-dir and db are used")
    Path configFile;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "The server's data directory (default: ./vacme-data)")
    String dataDir;

    @Option(names = "--db", paramLabel = "URL",
            description = "The server's PostgreSQL database (default: the SQLite file in the data directory)")
    String db;

    /** Loads the configuration exactly as the server does, so both open the same store. */
    ServerConfig load() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("data-dir", dataDir);
        values.put("db", db);
        return ConfigLoader.load(Optional.ofNullable(configFile), values);
    }
}
