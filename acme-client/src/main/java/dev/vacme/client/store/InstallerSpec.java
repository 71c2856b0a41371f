package dev.vacme.client.store;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A lineage's installer as remembered in {@code renewal/NAME.conf}: its registry name
 * ({@code [renewal] installer = NAME}) and its own settings, kept verbatim in the section
 * {@code [installer.NAME]}. The store does not interpret the settings: each installer reads and
 * writes its own keys (see {@code dev.vacme.client.deploy.InstallerType}), so adding an installer
 * changes nothing here.
 *
 * @param name     the installer's registry name, e.g. {@code haproxy}
 * @param settings the installer's settings, key to value, in the order the installer wrote them
 */
public record InstallerSpec(String name, Map<String, String> settings) {

    public InstallerSpec {
        Objects.requireNonNull(name, "name");
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings == null ? Map.of() : settings));
    }

    /** Returns the INI section holding this installer's settings. */
    public String section() {
        return sectionOf(name);
    }

    /** Returns the INI section holding the settings of the installer with this name. */
    public static String sectionOf(String installerName) {
        return "installer." + installerName;
    }
}
