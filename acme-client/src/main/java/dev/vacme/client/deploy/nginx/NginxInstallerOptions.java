package dev.vacme.client.deploy.nginx;

import dev.vacme.client.UsageException;
import dev.vacme.client.challenge.AuthenticatorPluginOptions;
import dev.vacme.client.deploy.InstallerOptions;
import dev.vacme.client.store.InstallerSpec;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The nginx installer's options (certbot's names): {@code --nginx-server-root DIR} and
 * {@code --nginx-ctl CMD}; the port of an added TLS listener comes from {@code --https-port}.
 * Given values replace the remembered ones one by one. {@code --nginx} chooses the nginx
 * authenticator and, on commands that install, this installer too; the server root and command
 * are given once for both. {@code certonly} and {@code renew} carry these options for the
 * authenticator only.
 */
public final class NginxInstallerOptions implements InstallerOptions, AuthenticatorPluginOptions {

    @Option(names = "--nginx-server-root", paramLabel = "DIR",
            description = "nginx's configuration directory, holding nginx.conf (default: /etc/nginx)")
    Path serverRoot;

    @Option(names = "--nginx-ctl", paramLabel = "CMD",
            description = "The command that runs nginx, for 'CMD -c DIR/nginx.conf -t' and '-s reload'"
                    + " (default: nginx)")
    String ctl;

    @Option(names = "--nginx", description = "Use nginx: answer http-01 through it (-a nginx) and, when the"
            + " command installs, install into it (-i nginx)")
    boolean nginx;

    @Override
    public boolean anyGiven() {
        return nginx || serverRoot != null || ctl != null;
    }

    /** {@code --nginx} means {@code -a nginx -i nginx} on commands that install. */
    @Override
    public boolean choosesInstaller() {
        return nginx;
    }

    @Override
    public String authenticatorName() {
        return NginxInstallerType.NAME;
    }

    @Override
    public boolean choosesAuthenticator() {
        return nginx;
    }

    /** Returns {@code nginx_server_root} and {@code nginx_ctl}: those given over the remembered ones. */
    @Override
    public Map<String, String> authenticatorSettings(Map<String, String> remembered, Path workingDir) {
        checkCtl();
        Map<String, String> settings = new LinkedHashMap<>(remembered);
        if (serverRoot != null) {
            settings.put(NginxAuthenticatorPlugin.SERVER_ROOT,
                    workingDir.resolve(serverRoot).toAbsolutePath().normalize().toString());
        }
        if (ctl != null) {
            settings.put(NginxAuthenticatorPlugin.CTL, ctl);
        }
        return settings;
    }

    @Override
    public InstallerSpec resolve(InstallerSpec remembered, Inputs inputs) {
        NginxSettings base = remembered == null ? defaults() : NginxInstallerType.settings(remembered);
        checkCtl();
        int httpsPort = inputs.httpsPort() != null ? inputs.httpsPort() : base.httpsPort();
        if (httpsPort < 1 || httpsPort > 65535) {
            throw new UsageException("--https-port must be between 1 and 65535");
        }
        NginxSettings settings = new NginxSettings(
                serverRoot != null ? inputs.workingDir().resolve(serverRoot) : base.serverRoot(),
                ctl != null ? ctl : base.ctl(), httpsPort);
        return new InstallerSpec(NginxInstallerType.NAME, NginxInstallerType.settingsMap(settings));
    }

    private void checkCtl() {
        if (ctl != null && ctl.isBlank()) {
            throw new UsageException("--nginx-ctl needs a command, such as nginx or /usr/sbin/nginx");
        }
    }

    private static NginxSettings defaults() {
        return new NginxSettings(null, null, 0);
    }
}
