package dev.vacme.client.deploy.apache;

import dev.vacme.client.ErrorText;
import dev.vacme.client.UsageException;
import dev.vacme.client.challenge.AuthenticatorPluginOptions;
import dev.vacme.client.deploy.InstallerOptions;
import dev.vacme.client.store.InstallerSpec;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The Apache plugin's options, certbot's names: {@code --apache} (the same as
 * {@code -a apache -i apache}), {@code --apache-server-root DIR} and {@code --apache-ctl CMD}.
 * They configure the installer and, with {@code -a apache}, the authenticator too; {@code certonly}
 * and {@code renew} carry them for the authenticator only.
 */
public final class ApacheOptions implements InstallerOptions, AuthenticatorPluginOptions {

    @Option(names = "--apache", description = "Use Apache httpd: answer http-01 through it (-a apache) and,"
            + " when the command installs, install the certificate into it (-i apache)")
    boolean apache;

    @Option(names = "--apache-server-root", paramLabel = "DIR",
            description = "Apache's configuration directory, holding apache2.conf or httpd.conf"
                    + " (default: /etc/apache2)")
    Path serverRoot;

    @Option(names = "--apache-ctl", paramLabel = "CMD",
            description = "Apache's control command, run as 'CMD -t' and 'CMD -k graceful' (default: apache2ctl)")
    String ctl;

    @Override
    public boolean anyGiven() {
        return apache || serverRoot != null || ctl != null;
    }

    @Override
    public boolean choosesInstaller() {
        return apache;
    }

    @Override
    public String authenticatorName() {
        return ApacheSettings.NAME;
    }

    @Override
    public boolean choosesAuthenticator() {
        return apache;
    }

    @Override
    public InstallerSpec resolve(InstallerSpec remembered, Inputs inputs) {
        ApacheSettings base = remembered == null ? ApacheSettings.DEFAULTS : ApacheSettings.of(remembered.settings());
        int port = inputs.httpsPort() != null ? inputs.httpsPort() : base.httpsPort();
        if (port < 1 || port > 65535) {
            throw new UsageException("--https-port must be between 1 and 65535");
        }
        return settings(base, inputs.workingDir(), port).toSpec();
    }

    /** Returns {@code apache_server_root} and {@code apache_ctl}; fails when the root holds no configuration. */
    @Override
    public Map<String, String> authenticatorSettings(Map<String, String> remembered, Path workingDir) {
        ApacheSettings base = ApacheSettings.ofAuthenticator(remembered);
        return settings(base, workingDir, base.httpsPort()).toAuthenticatorSettings();
    }

    private ApacheSettings settings(ApacheSettings base, Path workingDir, int port) {
        Path root = serverRoot != null ? workingDir.resolve(serverRoot).toAbsolutePath().normalize()
                : base.serverRoot();
        ApacheSettings settings = new ApacheSettings(root, ctl != null ? ctl : base.ctl(), port);
        try {
            ApacheConfig.mainFile(settings.serverRoot());
        } catch (ApacheConfigException e) {
            throw new UsageException(ErrorText.of(e));
        }
        return settings;
    }
}
