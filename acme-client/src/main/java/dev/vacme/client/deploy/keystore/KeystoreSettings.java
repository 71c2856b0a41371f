package dev.vacme.client.deploy.keystore;

import dev.vacme.client.store.InstallerSpec;
import dev.vacme.client.store.StoreException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settings of the keystore installers, as kept in {@code [installer.pkcs12]} or
 * {@code [installer.jks]} of the renewal configuration:
 * <pre>
 * keystore       = /srv/app/tls.p12     the keystore file (created when missing)
 * password_file  = /srv/app/tls.pass    its password, the file's first line
 * alias          = a.test               the private-key entry (default: the lineage name)
 * reload_command = systemctl restart app    run after writing it (optional)
 * </pre>
 *
 * @param format        {@code PKCS12} or {@code JKS}, the {@link java.security.KeyStore} type
 * @param keystore      the keystore file
 * @param passwordFile  the file holding its password
 * @param alias         the entry's alias
 * @param reloadCommand run after the keystore changed, or null
 */
record KeystoreSettings(String format, Path keystore, Path passwordFile, String alias, String reloadCommand) {

    static final String KEYSTORE = "keystore";
    static final String PASSWORD_FILE = "password_file";
    static final String ALIAS = "alias";
    static final String RELOAD_COMMAND = "reload_command";

    /** Returns the settings as the section's keys, in order. */
    InstallerSpec toSpec(String installer) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(KEYSTORE, keystore.toString());
        settings.put(PASSWORD_FILE, passwordFile.toString());
        settings.put(ALIAS, alias);
        settings.put(RELOAD_COMMAND, reloadCommand == null ? "" : reloadCommand);
        return new InstallerSpec(installer, settings);
    }

    /**
     * Reads the settings from the section.
     *
     * @throws StoreException naming a missing key
     */
    static KeystoreSettings of(String format, InstallerSpec spec) {
        return new KeystoreSettings(format, Path.of(required(spec, KEYSTORE)), Path.of(required(spec, PASSWORD_FILE)),
                required(spec, ALIAS), blankToNull(spec.settings().get(RELOAD_COMMAND)));
    }

    private static String required(InstallerSpec spec, String key) {
        String value = spec.settings().get(key);
        if (value == null || value.isBlank()) {
            throw new StoreException("[" + spec.section() + "] " + key + " is missing");
        }
        return value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
