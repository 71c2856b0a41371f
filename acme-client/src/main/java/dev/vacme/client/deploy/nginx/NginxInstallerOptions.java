package dev.vacme.client.deploy.nginx;

import dev.vacme.client.UsageException;
import dev.vacme.client.deploy.InstallerOptions;
import dev.vacme.client.store.InstallerSpec;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The nginx installer's options (certbot's names): {@code --nginx-server-root DIR} and
 * {@code --nginx-ctl CMD}; the port of an added TLS listener comes from {@code --https-port}.
 * Given values replace the remembered ones one by one. {@code --nginx} chooses this installer and,
 * on commands that obtain certificates, the nginx authenticator, which reads the same options from
 * the command, so they are given once for both.
 */
public final class NginxInstallerOptions implements InstallerOptions {

    @Option(names = "--nginx-server-root", paramLabel = "DIR",
            description = "nginx's configuration directory, holding nginx.conf (default: /etc/nginx)")
    Path serverRoot;

    @Option(names = "--nginx-ctl", paramLabel = "CMD",
            description = "The command that runs nginx, for 'CMD -c DIR/nginx.conf -t' and '-s reload'"
                    + " (default: nginx)")
    String ctl;

    @Option(names = "--nginx", description = "Use nginx: answer http-01 through it and install into it"
            + " (-a nginx -i nginx)")
    boolean nginx;

    @Override
    public boolean anyGiven() {
        return nginx || serverRoot != null || ctl != null;
    }

    /** {@code --nginx} means {@code -a nginx -i nginx}; the authenticator options read it from the command. */
    @Override
    public boolean choosesInstaller() {
        return nginx;
    }

    @Override
    public InstallerSpec resolve(InstallerSpec remembered, Inputs inputs) {
        NginxSettings base = remembered == null ? defaults() : NginxInstallerType.settings(remembered);
        if (ctl != null && ctl.isBlank()) {
            throw new UsageException("--nginx-ctl needs a command, such as nginx or /usr/sbin/nginx");
        }
        int httpsPort = inputs.httpsPort() != null ? inputs.httpsPort() : base.httpsPort();
        if (httpsPort < 1 || httpsPort > 65535) {
            throw new UsageException("--https-port must be between 1 and 65535");
        }
        NginxSettings settings = new NginxSettings(
                serverRoot != null ? inputs.workingDir().resolve(serverRoot) : base.serverRoot(),
                ctl != null ? ctl : base.ctl(), httpsPort);
        return new InstallerSpec(NginxInstallerType.NAME, NginxInstallerType.settingsMap(settings));
    }

    private static NginxSettings defaults() {
        return new NginxSettings(null, null, 0);
    }
}
