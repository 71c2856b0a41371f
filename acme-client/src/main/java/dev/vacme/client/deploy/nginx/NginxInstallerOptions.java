package dev.vacme.client.deploy.nginx;

import dev.vacme.client.UsageException;
import dev.vacme.client.deploy.InstallerOptions;
import dev.vacme.client.store.InstallerSpec;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The nginx installer's options (certbot's names): {@code --nginx-server-root DIR} and
 * {@code --nginx-ctl CMD}; the port of an added TLS listener comes from {@code --https-port}.
 * Given values replace the remembered ones one by one.
 */
public final class NginxInstallerOptions implements InstallerOptions {

    @Option(names = "--nginx-server-root", paramLabel = "DIR",
            description = "nginx's configuration directory, holding nginx.conf (default: /etc/nginx)")
    Path serverRoot;

    @Option(names = "--nginx-ctl", paramLabel = "CMD",
            description = "The command that runs nginx, for 'CMD -c DIR/nginx.conf -t' and '-s reload'"
                    + " (default: nginx)")
    String ctl;

    @Override
    public boolean anyGiven() {
        return serverRoot != null || ctl != null;
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

    /** Returns the settings these options give over the defaults, for the nginx authenticator. */
    public NginxSettings settings(Path workingDir) {
        return new NginxSettings(serverRoot == null ? null : workingDir.resolve(serverRoot), ctl, 0);
    }

    private static NginxSettings defaults() {
        return new NginxSettings(null, null, 0);
    }
}
