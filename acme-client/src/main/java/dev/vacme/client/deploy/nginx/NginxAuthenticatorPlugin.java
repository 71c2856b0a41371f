package dev.vacme.client.deploy.nginx;

import dev.vacme.client.challenge.Authenticator;
import dev.vacme.client.challenge.AuthenticatorPlugin;
import dev.vacme.client.hook.HookRunner;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Registers the {@code nginx} authenticator ({@code -a nginx}) with the challenge package. Its
 * settings are remembered in {@code [renewal]} under certbot's keys {@code nginx_server_root} and
 * {@code nginx_ctl}; the port comes from {@code http_01_port}.
 */
public final class NginxAuthenticatorPlugin implements AuthenticatorPlugin {

    /** The server root's key in the renewal configuration (certbot's). */
    static final String SERVER_ROOT = "nginx_server_root";
    /** The command's key in the renewal configuration (certbot's). */
    static final String CTL = "nginx_ctl";

    /** Creates the plugin; found through {@code META-INF/services}. */
    public NginxAuthenticatorPlugin() {
        // Stateless.
    }

    @Override
    public String name() {
        return NginxInstallerType.NAME;
    }

    @Override
    public Authenticator create(Map<String, String> settings, int http01Port, HookRunner commands,
            Consumer<String> log) {
        return new NginxAuthenticator(settings(settings), http01Port, commands, log);
    }

    /** Returns the settings the keys give, defaults for those missing (the TLS port is not used). */
    static NginxSettings settings(Map<String, String> settings) {
        String root = settings.get(SERVER_ROOT);
        return new NginxSettings(root == null ? null : Path.of(root), settings.get(CTL), 0);
    }
}
