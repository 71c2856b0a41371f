package dev.vacme.client.deploy.nginx;

import java.nio.file.Path;

/**
 * Where nginx is and how to drive it (certbot's {@code --nginx-server-root} and
 * {@code --nginx-ctl}).
 *
 * @param serverRoot the directory holding {@code nginx.conf}
 * @param ctl        the command that runs nginx, a shell command line such as {@code nginx} or
 *                   {@code /usr/sbin/nginx -p /srv/nginx}
 * @param httpsPort  the port of a TLS listener the installer adds
 */
public record NginxSettings(Path serverRoot, String ctl, int httpsPort) {

    /** The default server root. */
    public static final Path DEFAULT_SERVER_ROOT = Path.of("/etc/nginx");
    /** The default command. */
    public static final String DEFAULT_CTL = "nginx";
    /** The default TLS port. */
    public static final int DEFAULT_HTTPS_PORT = 443;

    public NginxSettings {
        serverRoot = serverRoot == null ? DEFAULT_SERVER_ROOT : serverRoot.toAbsolutePath().normalize();
        ctl = ctl == null || ctl.isBlank() ? DEFAULT_CTL : ctl.strip();
        httpsPort = httpsPort == 0 ? DEFAULT_HTTPS_PORT : httpsPort;
        if (httpsPort < 1 || httpsPort > 65535) {
            throw new IllegalArgumentException("the HTTPS port must be between 1 and 65535");
        }
    }

    /** Returns {@code SERVER_ROOT/nginx.conf}. */
    public Path configFile() {
        return serverRoot.resolve("nginx.conf");
    }
}
