package dev.vacme.server.store.sql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One versioned schema change: an SQL file {@code db/migration/V<version>__<description>.sql}, or
 * the same name under {@code db/migration/<dialect>/} where a dialect needs its own version of it.
 *
 * @param version     the schema version the migration leads to
 * @param description what it does, from the file name
 * @param statements  its statements, in order
 */
public record Migration(int version, String description, List<String> statements) {

    /** Every migration, oldest first; a new one is a new file and a new line here. */
    static final List<String> FILES = List.of("V1__schema.sql", "V2__processing_since.sql",
            "V3__external_account_keys.sql", "V4__rate_limit_events.sql", "V5__revocation_publishing.sql",
            "V6__certificates_by_account.sql");

    private static final Pattern FILE_NAME = Pattern.compile("V(\\d+)__(\\w+)\\.sql");

    public Migration {
        statements = List.copyOf(statements);
    }

    /** Loads every migration for the dialect from the class path (blocking: call on a worker). */
    public static List<Migration> load(Dialect dialect) {
        List<Migration> migrations = new ArrayList<>();
        for (String file : FILES) {
            Matcher name = FILE_NAME.matcher(file);
            if (!name.matches()) {
                throw new IllegalStateException("bad migration file name " + file);
            }
            String script = read("/db/migration/" + dialect.resourceName() + "/" + file, "/db/migration/" + file);
            migrations.add(new Migration(Integer.parseInt(name.group(1)), name.group(2).replace('_', ' '), split(script)));
        }
        return migrations;
    }

    /**
     * Splits a script into statements: a statement ends with a semicolon at the end of a line, and
     * lines starting with {@code --} are comments.
     */
    static List<String> split(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            current.append(line.stripTrailing()).append('\n');
            if (trimmed.endsWith(";")) {
                String statement = current.toString().strip();
                statements.add(statement.substring(0, statement.length() - 1).strip());
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            throw new IllegalStateException("migration script ends without a semicolon: " + current.toString().strip());
        }
        return statements;
    }

    private static String read(String dialectPath, String commonPath) {
        InputStream in = Migration.class.getResourceAsStream(dialectPath);
        if (in == null) {
            in = Migration.class.getResourceAsStream(commonPath);
        }
        if (in == null) {
            throw new IllegalStateException("migration " + commonPath + " is missing from the class path");
        }
        try (InputStream script = in) {
            return new String(script.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
