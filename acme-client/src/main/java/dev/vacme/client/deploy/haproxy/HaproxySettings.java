package dev.vacme.client.deploy.haproxy;

import dev.vacme.client.store.InstallerSpec;
import dev.vacme.client.store.StoreException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settings of the HAProxy installer, as kept in {@code [installer.haproxy]}:
 * <pre>
 * crt            = /etc/haproxy/certs/a.test.pem   the combined PEM, named as haproxy.cfg names it
 * socket         = /run/haproxy/admin.sock         the runtime API (optional)
 * reload_command = systemctl reload haproxy        used when there is no socket
 * </pre>
 *
 * @param crt           the combined PEM file (chain, then key)
 * @param socket        the runtime API's socket ({@code stats socket ... level admin}), or null
 * @param reloadCommand the reload command used without a socket
 */
record HaproxySettings(Path crt, Path socket, String reloadCommand) {

    /** The reload command when none is given. */
    static final String DEFAULT_RELOAD = "systemctl reload haproxy";

    static final String CRT = "crt";
    static final String SOCKET = "socket";
    static final String RELOAD_COMMAND = "reload_command";

    /** Returns the settings as the section's keys, in order. */
    InstallerSpec toSpec(String installer) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(CRT, crt.toString());
        settings.put(SOCKET, socket == null ? "" : socket.toString());
        settings.put(RELOAD_COMMAND, reloadCommand);
        return new InstallerSpec(installer, settings);
    }

    /**
     * Reads the settings from the section.
     *
     * @throws StoreException when {@code crt} is missing
     */
    static HaproxySettings of(InstallerSpec spec) {
        String crt = spec.settings().get(CRT);
        if (crt == null || crt.isBlank()) {
            throw new StoreException("[" + spec.section() + "] " + CRT + " is missing");
        }
        String socket = spec.settings().get(SOCKET);
        String reload = spec.settings().get(RELOAD_COMMAND);
        return new HaproxySettings(Path.of(crt), socket == null || socket.isBlank() ? null : Path.of(socket),
                reload == null || reload.isBlank() ? DEFAULT_RELOAD : reload);
    }
}
