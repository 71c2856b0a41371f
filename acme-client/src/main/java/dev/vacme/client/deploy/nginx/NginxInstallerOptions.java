package dev.vacme.client.deploy.nginx;

import dev.vacme.client.UsageException;
import dev.vacme.client.deploy.InstallerOptions;
import dev.vacme.client.store.InstallerSpec;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The nginx installer's options (certbot's names): {@code --nginx-server-root DIR} and
 * {@code --nginx-ctl CMD}; the port of an added TLS listener comes from {@code --https-port}.
 * Given values replace the remembered ones one by one. The nginx authenticator ({@code -a nginx})
 * reads the same two options from the command, so they are given once for both.
 */
public final class NginxInstallerOptions implements InstallerOptions {

    @Option(names = "--nginx-server-root", paramLabel = "DIR",
            description = "nginx's configuration directory, holding nginx.conf (default: /etc/nginx)")
    Path serverRoot;

    @Option(names = "--nginx-ctl", paramLabel = "CMD",
            description = "The command that runs nginx, for 'CMD -c DIR/nginx.conf -t' and '-s reload'"
                    + " (default: nginx)")
    String ctl;

    /** The command these options are mixed into, to see certbot's {@code --nginx} (an authenticator option). */
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Override
    public boolean anyGiven() {
        return serverRoot != null || ctl != null;
    }

    /** {@code --nginx} means {@code -a nginx -i nginx}; the flag itself lives with the authenticator options. */
    @Override
    public boolean choosesInstaller() {
        OptionSpec flag = command == null ? null : command.findOption("--nginx");
        return flag != null && Boolean.TRUE.equals(flag.getValue());
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
