package dev.vacme.client.cli;

/**
 * A verb that obtains certificates, so it takes the options of the authenticator plugins
 * ({@code --nginx}, {@code --apache}): with the installers' options when it installs too, else
 * on their own.
 */
interface AuthenticatingCommand {

    /** Returns the command's authenticator options, which the plugins' options are handed to. */
    AuthenticatorOptions authenticatorOptions();
}
