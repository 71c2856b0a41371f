package dev.vacme.server;

import dev.vacme.common.pki.IpAddresses;
import dev.vacme.server.config.ServerConfig;
import dev.vacme.server.ra.PublicSuffixes;
import java.util.ArrayList;
import java.util.List;

/** Configuration that starts but is probably not what the operator meant, said once at start-up. */
final class StartupWarnings {

    private StartupWarnings() {
    }

    /** Returns one line per warning for the configuration. */
    static List<String> of(ServerConfig config) {
        List<String> warnings = new ArrayList<>();
        if (!isLoopback(config.listenHost()) && config.externalUrl().isEmpty()) {
            warnings.add("listening on " + config.listenHost() + " without --external-url: every URL the server "
                    + "sends and its TLS certificate name localhost, so clients on other machines cannot use it; "
                    + "give --external-url https://NAME:" + config.listenPort());
        }
        if (config.specialNames().suffixes() == PublicSuffixes.TOP_LEVEL_ONLY) {
            warnings.add("no public suffix list at " + PublicSuffixes.DEBIAN_LIST + ": only top-level names count as "
                    + "public suffixes, so a name such as co.uk is not refused and per-domain rate limits count "
                    + "the last two labels; install Debian's publicsuffix package or set --public-suffix-list");
        }
        return warnings;
    }

    private static boolean isLoopback(String host) {
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        return bare.equalsIgnoreCase("localhost")
                || IpAddresses.parse(bare).map(address -> address.isLoopbackAddress()).orElse(false);
    }
}
