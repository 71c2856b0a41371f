package dev.vacme.client.deploy.nginx;

import dev.vacme.client.deploy.Installer;
import dev.vacme.client.deploy.InstallerContext;
import dev.vacme.client.deploy.InstallerOptions;
import dev.vacme.client.deploy.InstallerType;
import dev.vacme.client.store.InstallerSpec;
import dev.vacme.client.store.StoreException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The nginx installer as the registry knows it ({@code -i nginx}). Its settings live in
 * {@code [installer.nginx]} of {@code renewal/NAME.conf}: {@code server_root}, {@code ctl} and
 * {@code https_port}.
 */
public final class NginxInstallerType implements InstallerType {

    /** The installer's name. */
    public static final String NAME = "nginx";
    static final String SERVER_ROOT = "server_root";
    static final String CTL = "ctl";
    static final String HTTPS_PORT = "https_port";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "nginx: points the matching server blocks at live/NAME, config test, reload";
    }

    @Override
    public InstallerOptions newOptions() {
        return new NginxInstallerOptions();
    }

    @Override
    public Installer create(InstallerSpec spec, InstallerContext context) {
        return new NginxInstaller(settings(spec), context);
    }

    /**
     * Reads the remembered settings; missing keys take their defaults.
     *
     * @throws StoreException naming the key when a value is invalid
     */
    static NginxSettings settings(InstallerSpec spec) {
        Map<String, String> values = spec.settings();
        String port = values.getOrDefault(HTTPS_PORT, "");
        try {
            return new NginxSettings(values.containsKey(SERVER_ROOT) ? Path.of(values.get(SERVER_ROOT)) : null,
                    values.get(CTL), port.isBlank() ? 0 : Integer.parseInt(port.strip()));
        } catch (IllegalArgumentException e) {
            throw new StoreException("[" + spec.section() + "] " + HTTPS_PORT + " must be a port from 1 to 65535, not '"
                    + port + "'", e);
        }
    }

    /** Returns the settings as the keys of {@code [installer.nginx]}. */
    static Map<String, String> settingsMap(NginxSettings settings) {
        Map<String, String> map = new LinkedHashMap<>();
        map.put(SERVER_ROOT, settings.serverRoot().toString());
        map.put(CTL, settings.ctl());
        map.put(HTTPS_PORT, Integer.toString(settings.httpsPort()));
        return map;
    }
}
