package dev.vacme.client.deploy.apache;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The temporary configuration that makes Apache answer http-01 from vacme's response directory. */
final class ChallengeConfig {

    private ChallengeConfig() {
    }

    /** Renders the included file for the response directory. */
    static String render(Path directory, List<VirtualHost> hosts) {
        String dir = ConfigWords.quote(directory + "/");
        return String.join("\n",
                "# Added by vacme while an ACME http-01 validation runs; removed again afterwards.",
                "# Included at the top of: " + String.join(", ", hosts.stream().map(VirtualHost::where).toList()),
                "Alias /.well-known/acme-challenge/ " + dir,
                "<Directory " + dir + ">",
                "    Require all granted",
                "    Options None",
                "    AllowOverride None",
                "    ForceType text/plain",
                "</Directory>",
                "<IfModule mod_rewrite.c>",
                "    # Served before a rule that sends everything to HTTPS.",
                "    RewriteEngine on",
                "    RewriteRule ^/\\.well-known/acme-challenge/ - [L]",
                "</IfModule>",
                "");
    }

    /** Returns the address to fetch a VirtualHost's responses from. */
    static String connectAddress(VirtualHost host) {
        String address = host.addresses().isEmpty() ? "*" : host.addresses().get(0);
        int colon = address.lastIndexOf(':');
        String ip = colon > 0 && !address.endsWith("]") ? address.substring(0, colon) : address;
        return ip.equals("*") || ip.equals("_default_") || ip.equals("0.0.0.0") ? "127.0.0.1"
                : ip.replace("[", "").replace("]", "");
    }

    /** Returns a VirtualHost's port, 80 when its address names none. */
    static int port(VirtualHost host) {
        return host.addresses().stream().map(VirtualHost::port).flatMap(Optional::stream).findFirst()
                .orElse(80);
    }
}
