package dev.vacme.server.store;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the store lives: an embedded SQLite file (the zero-setup default) or a PostgreSQL database
 * that several server instances may share.
 */
public sealed interface StoreLocation permits StoreLocation.Sqlite, StoreLocation.Postgres {

    /** The file name of the embedded store inside the data directory. */
    String DEFAULT_SQLITE_FILE = "vacme.db";

    /** Returns the SQLite file at {@code file}. */
    static StoreLocation sqlite(Path file) {
        return new Sqlite(file);
    }

    /** Returns the default embedded store: {@value #DEFAULT_SQLITE_FILE} in the data directory. */
    static StoreLocation inDataDirectory(Path dataDirectory) {
        return new Sqlite(dataDirectory.resolve(DEFAULT_SQLITE_FILE));
    }

    /**
     * Parses a database URL:
     * <ul>
     *   <li>{@code postgresql://user[:password]@host[:port]/database[?schema=NAME]} (also
     *       {@code postgres://}; {@code currentSchema} is accepted for {@code schema}; the port
     *       defaults to 5432; user and password may be percent-encoded);</li>
     *   <li>{@code sqlite:PATH} for an SQLite file.</li>
     * </ul>
     *
     * @throws IllegalArgumentException with a one-line message (never containing the password)
     *                                  when the URL is malformed
     */
    static StoreLocation parse(String url) {
        Objects.requireNonNull(url, "url");
        if (url.startsWith("sqlite:")) {
            String path = url.substring("sqlite:".length());
            if (path.isBlank()) {
                throw new IllegalArgumentException("malformed database URL 'sqlite:': expected sqlite:PATH");
            }
            return new Sqlite(Path.of(path));
        }
        return PostgresUrl.parse(url);
    }

    /** Describes the location for messages, without any password. */
    String describe();

    /**
     * An SQLite file.
     *
     * @param file the database file; created, with its directory, when missing
     */
    record Sqlite(Path file) implements StoreLocation {

        public Sqlite {
            Objects.requireNonNull(file, "file");
        }

        @Override
        public String describe() {
            return "SQLite file " + file;
        }
    }

    /**
     * A PostgreSQL database.
     *
     * @param host     the host name or address
     * @param port     the TCP port
     * @param database the database name
     * @param user     the role to log in as
     * @param password the password, or null (e.g. for trust or peer authentication)
     * @param schema   the schema to keep the tables in (created when missing), or null for the
     *                 server's default search path
     */
    record Postgres(String host, int port, String database, String user, String password, String schema)
            implements StoreLocation {

        public Postgres {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(database, "database");
            Objects.requireNonNull(user, "user");
        }

        @Override
        public String describe() {
            String hostPart = host.contains(":") ? "[" + host + "]" : host;
            return "PostgreSQL database postgresql://" + user + "@" + hostPart + ":" + port + "/" + database
                    + (schema == null ? "" : "?schema=" + schema);
        }

        /** Leaves the password out, so that logging the location cannot leak it. */
        @Override
        public String toString() {
            return describe();
        }
    }
}
