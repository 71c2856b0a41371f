package dev.vacme.client.challenge;

import java.nio.file.Path;
import java.util.Map;

/**
 * Command-line options of a plugin that is an installer and an authenticator at once, as
 * certbot's {@code --apache} is: they can choose the authenticator ({@code --apache} means
 * {@code -a apache} too) and give its settings ({@code --apache-server-root}).
 */
public interface AuthenticatorPluginOptions {

    /** Returns the authenticator's name, e.g. {@code apache}. */
    String authenticatorName();

    /** Returns true when any of the plugin's options was given. */
    boolean anyGiven();

    /** Returns true when an option chose the plugin's authenticator by itself. */
    boolean choosesAuthenticator();

    /**
     * Returns the authenticator's settings: the options given over the remembered ones.
     *
     * @param remembered the remembered settings, empty when there are none
     * @param workingDir resolves relative paths
     * @throws dev.vacme.client.UsageException when a setting is invalid
     */
    Map<String, String> authenticatorSettings(Map<String, String> remembered, Path workingDir);
}
