package dev.vacme.client.deploy.nginx;

import dev.vacme.client.deploy.Endpoint;
import dev.vacme.client.deploy.Endpoint.HostPort;
import dev.vacme.client.deploy.nginx.ServerBlockSelector.Selected;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What installing a lineage into nginx would change, and where the result can be checked;
 * computed without touching anything, so {@code --dry-run} can show it.
 *
 * @param config  the configuration as read
 * @param blocks  the server blocks that serve the names
 * @param edits   the edits, with one line per change
 * @param targets where to check the served certificate afterwards (one per TLS listener and name)
 */
public record NginxPlan(NginxConfig config, List<Selected> blocks, TlsEdits.Result edits, List<Endpoint> targets) {

    /**
     * Reads the configuration and plans the edits for a lineage.
     *
     * @throws NginxException when the configuration cannot be read or a name has no server block
     */
    public static NginxPlan of(NginxSettings settings, List<String> names, Path fullchain, Path privkey) {
        NginxConfig config = NginxConfig.load(settings.configFile());
        List<Selected> blocks = ServerBlockSelector.select(ServerBlock.all(config), names);
        TlsEdits.Result edits = TlsEdits.compute(config, blocks, fullchain, privkey, settings.httpsPort());
        return new NginxPlan(config, blocks, edits, targets(blocks, settings.httpsPort()));
    }

    /** Returns true when the configuration already points at the lineage everywhere. */
    public boolean unchanged() {
        return edits.edits().isEmpty();
    }

    private static List<Endpoint> targets(List<Selected> blocks, int httpsPort) {
        Set<Endpoint> targets = new LinkedHashSet<>();
        for (Selected selected : blocks) {
            List<Listen> listens = new ArrayList<>(selected.block().listens().stream().filter(Listen::ssl).toList());
            if (selected.addTls()) {
                listens.add(new Listen("", httpsPort, false, true, false));
            }
            for (Listen listen : listens) {
                // An IPv6 wildcard beside the IPv4 one on the same port is the same server block.
                boolean shadowed = listen.ipv6() && listen.address().isEmpty() && listens.stream()
                        .anyMatch(l -> !l.ipv6() && l.address().isEmpty() && l.port() == listen.port());
                if (!shadowed) {
                    targets.addAll(Endpoint.forNames(new HostPort(listen.connectHost(), listen.port()),
                            selected.names()));
                }
            }
        }
        return List.copyOf(targets);
    }
}
