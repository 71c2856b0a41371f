package dev.vacme.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of the Vacme build, read from the properties file Maven filters at build time. */
public final class VacmeVersion {

    private static final Properties BUILD = load();

    private VacmeVersion() {
    }

    /** Returns the project version, for example {@code 0.1.0}. */
    public static String get() {
        return BUILD.getProperty("version", "unknown");
    }

    /** Returns the abbreviated commit the build was made from, or {@code unknown} outside a git checkout. */
    public static String commit() {
        String commit = BUILD.getProperty("commit", "");
        return commit.isBlank() || commit.startsWith("${") ? "unknown" : commit;
    }

    /** Returns what {@code --version} prints after the program's name: version and commit. */
    public static String describe() {
        return get() + " (commit " + commit() + ")";
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = VacmeVersion.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                properties.load(in);
            }
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the build version", e);
        }
    }
}
