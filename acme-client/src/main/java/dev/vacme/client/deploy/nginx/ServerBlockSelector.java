package dev.vacme.client.deploy.nginx;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Chooses the server blocks that serve a certificate's names, the ones nginx itself would pick.
 * For each name: among the blocks with a TLS listener, on each TLS port the block whose
 * {@code server_name} matches best; only when no TLS block matches, the best-matching plain
 * block (which then gets a TLS listener). So when a port-80 block redirects to a port-443 block
 * of the same name, only the TLS block is chosen. A name no block mentions is served by the
 * block marked {@code default_server} (TLS first), if there is one.
 */
public final class ServerBlockSelector {

    /** The label a wildcard name is checked with: {@code *.example.com} as {@code PROBE.example.com}. */
    static final String WILDCARD_PROBE = "vacme-check";

    /**
     * A chosen block.
     *
     * @param block    the block
     * @param addTls   true when it has no TLS listener yet
     * @param names    the certificate names it was chosen for
     */
    public record Selected(ServerBlock block, boolean addTls, List<String> names) {
    }

    private ServerBlockSelector() {
    }

    /**
     * Chooses the blocks for the names.
     *
     * @throws NginxException when no block serves one of the names
     */
    public static List<Selected> select(List<ServerBlock> blocks, List<String> names) {
        Map<Integer, Set<String>> chosen = new TreeMap<>();
        for (String name : names) {
            List<ServerBlock> serving = serving(blocks, name);
            if (serving.isEmpty()) {
                throw new NginxException("no nginx server block serves " + name + "; add \"server_name " + name
                        + ";\" to the server block that should serve it");
            }
            for (ServerBlock block : serving) {
                chosen.computeIfAbsent(blocks.indexOf(block), i -> new LinkedHashSet<>()).add(name);
            }
        }
        List<Selected> selected = new ArrayList<>();
        chosen.forEach((index, forNames) -> {
            ServerBlock block = blocks.get(index);
            selected.add(new Selected(block, !block.hasTls(), List.copyOf(forNames)));
        });
        return selected;
    }

    /** Returns the blocks that serve one name. */
    static List<ServerBlock> serving(List<ServerBlock> blocks, String name) {
        String host = name.startsWith("*.") ? WILDCARD_PROBE + name.substring(1) : name;
        List<ServerBlock> tls = blocks.stream().filter(ServerBlock::hasTls).toList();
        List<ServerBlock> byName = bestPerTlsPort(tls, host);
        if (!byName.isEmpty()) {
            return byName;
        }
        Optional<ServerBlock> plain = best(blocks.stream().filter(b -> !b.hasTls()).toList(), host);
        if (plain.isPresent()) {
            return List.of(plain.get());
        }
        return blocks.stream().filter(b -> b.isDefault(true)).findFirst()
                .or(() -> blocks.stream().filter(b -> b.isDefault(false)).findFirst())
                .map(List::of).orElse(List.of());
    }

    private static List<ServerBlock> bestPerTlsPort(List<ServerBlock> tls, String host) {
        Set<Integer> ports = new LinkedHashSet<>();
        tls.forEach(b -> b.listens().stream().filter(Listen::ssl).forEach(l -> ports.add(l.port())));
        List<ServerBlock> result = new ArrayList<>();
        for (int port : ports) {
            List<ServerBlock> onPort = tls.stream()
                    .filter(b -> b.listens().stream().anyMatch(l -> l.ssl() && l.port() == port)).toList();
            best(onPort, host).filter(b -> !result.contains(b)).ifPresent(result::add);
        }
        return result;
    }

    private static Optional<ServerBlock> best(List<ServerBlock> candidates, String host) {
        // A stable sort: among equal matches (say two regular expressions) the first block wins, as in nginx.
        return candidates.stream().filter(b -> b.match(host).isPresent())
                .sorted(Comparator.comparing(b -> b.match(host).orElseThrow())).findFirst();
    }
}
