package dev.vacme.client.deploy.nginx;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One {@code server} block with what matters for certificates: its names, its listeners and its
 * directives (those of included files in place).
 *
 * @param directive the {@code server} directive
 * @param names     the arguments of its {@code server_name} directives
 * @param listens   its listeners ({@link Listen#IMPLICIT} when it has none)
 * @param body      its directives with includes expanded
 */
public record ServerBlock(NginxDirective directive, List<String> names, List<Listen> listens,
        List<NginxDirective> body) {

    public ServerBlock {
        names = List.copyOf(names);
        listens = List.copyOf(listens);
        body = List.copyOf(body);
    }

    /** Reads every {@code server} block of the {@code http} context. */
    public static List<ServerBlock> all(NginxConfig config) {
        List<ServerBlock> blocks = new ArrayList<>();
        for (NginxDirective server : config.httpServers()) {
            blocks.add(of(server, config.expand(server.block())));
        }
        return blocks;
    }

    /**
     * Reads one {@code server} block.
     *
     * @param body its directives, includes expanded
     */
    public static ServerBlock of(NginxDirective server, List<NginxDirective> body) {
        List<String> names = new ArrayList<>();
        List<Listen> listens = new ArrayList<>();
        for (NginxDirective directive : body) {
            switch (directive.name()) {
                case "server_name" -> names.addAll(directive.args());
                case "listen" -> Listen.parse(directive.args()).ifPresent(listens::add);
                default -> { }
            }
        }
        if (body.stream().noneMatch(d -> d.name().equals("listen"))) {
            listens.add(Listen.IMPLICIT);
        }
        return new ServerBlock(server, names, listens, body);
    }

    /** Returns true when it has a TLS listener ({@code listen ... ssl}). */
    public boolean hasTls() {
        return listens.stream().anyMatch(Listen::ssl);
    }

    /** Returns true when one of its listeners is the default server. */
    public boolean isDefault(boolean tls) {
        return listens.stream().anyMatch(l -> l.defaultServer() && l.ssl() == tls);
    }

    /** Returns true when it listens without TLS on a port. */
    public boolean listensPlain(int port) {
        return listens.stream().anyMatch(l -> !l.ssl() && l.port() == port);
    }

    /** Returns its best match for a host name, if any of its names matches. */
    public Optional<ServerNameMatch> match(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        return names.stream().map(n -> ServerNameMatch.of(n, lower)).flatMap(Optional::stream).sorted().findFirst();
    }

    /** Returns the directives of a name in its body, includes expanded. */
    public List<NginxDirective> directives(String name) {
        return body.stream().filter(d -> d.name().equals(name)).toList();
    }

    /** Returns where it starts, for messages. */
    public String where() {
        return directive.where();
    }
}
