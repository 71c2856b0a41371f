package dev.vacme.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of the Vacme build, read from the properties file Maven filters at build time. */
public final class VacmeVersion {

    private static final String VERSION = load();

    private VacmeVersion() {
    }

    /** Returns the project version, for example {@code 0.1.0}. */
    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = VacmeVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the build version", e);
        }
    }
}
