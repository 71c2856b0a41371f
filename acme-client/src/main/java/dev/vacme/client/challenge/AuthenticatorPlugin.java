package dev.vacme.client.challenge;

import dev.vacme.client.hook.HookRunner;
import java.util.Map;
import java.util.function.Consumer;

/**
 * An authenticator that lives outside this package (the nginx and Apache ones answer through a
 * web server's configuration). Registered with one line in
 * {@code META-INF/services/dev.vacme.client.challenge.AuthenticatorPlugin}, so that this package
 * does not depend on the plugin's.
 */
public interface AuthenticatorPlugin {

    /** Returns the authenticator's name, as {@code -a NAME} and the renewal configuration give it. */
    String name();

    /**
     * Creates a fresh authenticator for one issuance.
     *
     * @param settings   the plugin's settings, as remembered in {@code [renewal]} (keys starting with NAME)
     * @param http01Port the port the ACME server sends http-01 requests to ({@code --http-01-port}, 80)
     * @param commands runs the commands the plugin needs (a web server's control command)
     * @param log      where verbose messages go
     */
    Authenticator create(Map<String, String> settings, int http01Port, HookRunner commands, Consumer<String> log);
}
