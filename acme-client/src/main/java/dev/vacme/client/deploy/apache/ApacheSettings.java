package dev.vacme.client.deploy.apache;

import dev.vacme.client.store.InstallerSpec;
import dev.vacme.client.store.StoreException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where Apache's configuration is and how to drive it, remembered per lineage in
 * {@code [installer.apache]} of {@code renewal/NAME.conf} as {@code server_root}, {@code ctl} and
 * {@code https_port}.
 *
 * @param serverRoot {@code --apache-server-root}: holds {@code apache2.conf} or {@code httpd.conf}
 * @param ctl        {@code --apache-ctl}: shell words, run as {@code CTL -t} and {@code CTL -k graceful}
 * @param httpsPort  {@code --https-port}: the port of an added HTTPS VirtualHost
 */
public record ApacheSettings(Path serverRoot, String ctl, int httpsPort) {

    /** Debian's layout. */
    public static final ApacheSettings DEFAULTS = new ApacheSettings(Path.of("/etc/apache2"), "apache2ctl", 443);

    /** The installer's registry name. */
    public static final String NAME = "apache";

    public ApacheSettings {
        serverRoot = serverRoot == null ? Path.of("/etc/apache2") : serverRoot;
        ctl = ctl == null || ctl.isBlank() ? "apache2ctl" : ctl.strip();
        if (httpsPort < 1 || httpsPort > 65535) {
            throw new StoreException("the HTTPS port " + httpsPort + " of the apache installer is not between 1"
                    + " and 65535");
        }
    }

    /**
     * Reads the settings the options wrote; missing keys take the defaults.
     *
     * @throws StoreException when {@code https_port} is not a port number
     */
    public static ApacheSettings of(Map<String, String> settings) {
        String port = settings.getOrDefault("https_port", "443");
        try {
            return new ApacheSettings(settings.containsKey("server_root") ? Path.of(settings.get("server_root")) : null,
                    settings.get("ctl"), Integer.parseInt(port.strip()));
        } catch (NumberFormatException e) {
            throw new StoreException("[installer.apache] https_port = " + port + " is not a port number", e);
        }
    }

    /**
     * Reads the authenticator's settings, certbot's keys in {@code [renewal]}:
     * {@code apache_server_root} and {@code apache_ctl}; missing keys take the defaults.
     */
    public static ApacheSettings ofAuthenticator(Map<String, String> settings) {
        String root = settings.get("apache_server_root");
        return new ApacheSettings(root == null || root.isBlank() ? null : Path.of(root), settings.get("apache_ctl"),
                DEFAULTS.httpsPort());
    }

    /** Returns the authenticator's settings as the keys of {@code [renewal]}. */
    public Map<String, String> toAuthenticatorSettings() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("apache_server_root", serverRoot.toString());
        keys.put("apache_ctl", ctl);
        return keys;
    }

    /** Returns the settings as the keys of the renewal configuration. */
    public InstallerSpec toSpec() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("server_root", serverRoot.toString());
        keys.put("ctl", ctl);
        keys.put("https_port", Integer.toString(httpsPort));
        return new InstallerSpec(NAME, keys);
    }
}
