package dev.vacme.client.deploy.apache;

import dev.vacme.client.deploy.Endpoint;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Plans the edits that make httpd serve a lineage: every TLS VirtualHost answering to one of the
 * certificate's names gets {@code SSLEngine on}, {@code SSLCertificateFile} (the full chain) and
 * {@code SSLCertificateKeyFile}, and loses a now redundant {@code SSLCertificateChainFile}; a
 * plain-HTTP VirtualHost with no TLS sibling of the same name gets a TLS copy
 * ({@link VhostCopier}). A configuration that already points at the lineage gets no edit.
 */
final class SslPlanner {

    private final ApacheConfig config;
    private final int httpsPort;

    /**
     * Creates the planner.
     *
     * @param config    the configuration as read
     * @param httpsPort the port of added TLS VirtualHosts ({@code --https-port})
     */
    SslPlanner(ApacheConfig config, int httpsPort) {
        this.config = config;
        this.httpsPort = httpsPort;
    }

    /**
     * Plans the installation.
     *
     * @throws ApacheConfigException when no VirtualHost answers to the certificate's names
     */
    InstallPlan plan(CertificateTarget target) {
        List<VirtualHost> all = config.virtualHosts().stream().map(s -> VirtualHost.of(s, httpsPort)).toList();
        List<VirtualHost> matching = all.stream().filter(v -> v.servesAny(target.names())).toList();
        if (matching.isEmpty()) {
            throw new ApacheConfigException("no <VirtualHost> in " + config.serverRoot() + " has a ServerName or"
                    + " ServerAlias matching " + String.join(", ", target.names())
                    + "; add one for the site, then run again");
        }
        ConfigEdits edits = new ConfigEdits();
        Set<Endpoint> endpoints = new LinkedHashSet<>();
        for (VirtualHost host : matching) {
            if (host.ssl()) {
                pointAtLineage(host, target, edits);
                endpoints.add(endpoint(host.addresses(), host, target));
            }
        }
        List<VirtualHost> uncovered = matching.stream().filter(v -> !v.ssl())
                .filter(v -> all.stream().noneMatch(o -> o.ssl() && shareName(o, v))).toList();
        if (!uncovered.isEmpty()) {
            new VhostCopier(config, httpsPort).copy(uncovered, target, edits);
            for (VirtualHost host : uncovered) {
                endpoints.add(endpoint(List.of("*:" + httpsPort), host, target));
            }
        }
        return new InstallPlan(edits, new ArrayList<>(endpoints));
    }

    /** Returns the directives a TLS VirtualHost serving the lineage contains, in the order they are added. */
    static List<String[]> wanted(CertificateTarget target) {
        return List.of(new String[] {"SSLEngine", "on"},
                new String[] {"SSLCertificateFile", target.fullchain().toString()},
                new String[] {"SSLCertificateKeyFile", target.privkey().toString()});
    }

    /** Renders one directive line. */
    static String line(String indent, String name, String value) {
        return indent + name + " " + ConfigWords.quote(value);
    }

    private void pointAtLineage(VirtualHost host, CertificateTarget target, ConfigEdits edits) {
        Section section = host.section();
        String indent = childIndent(section);
        for (String[] directive : wanted(target)) {
            String name = directive[0];
            String value = directive[1];
            List<Directive> present = section.find(name);
            if (present.isEmpty()) {
                edits.insertBefore(section.file(), section.lastLine(), List.of(line(indent, name, value)),
                        "add " + name + " " + value + " to the VirtualHost at " + section.where());
                continue;
            }
            for (Directive d : present) {
                if (!same(name, d.firstArg(), value)) {
                    edits.replace(d, List.of(line(d.file().indentOf(d.firstLine()), name, value)),
                            "set " + name + " " + value + " at " + d.where() + " (was " + d.firstArg() + ")");
                }
            }
        }
        for (Directive chain : section.find("SSLCertificateChainFile")) {
            edits.replace(chain, List.of(), "remove SSLCertificateChainFile at " + chain.where()
                    + ": the chain is in " + target.fullchain());
        }
    }

    private boolean same(String name, String present, String wanted) {
        if (name.equalsIgnoreCase("SSLEngine")) {
            return present.toLowerCase(Locale.ROOT).equals(wanted);
        }
        return config.serverRoot().resolve(present).normalize().equals(Path.of(wanted).normalize());
    }

    /** Returns the indentation of a section's directives: its first child's, else the tag's plus four. */
    static String childIndent(Section section) {
        if (!section.children().isEmpty()) {
            ConfigNode first = section.children().get(0);
            return first.file().indentOf(first.firstLine());
        }
        return section.file().indentOf(section.firstLine()) + "    ";
    }

    private static boolean shareName(VirtualHost a, VirtualHost b) {
        return a.names().stream().anyMatch(b.names()::contains);
    }

    private static Endpoint endpoint(List<String> addresses, VirtualHost host, CertificateTarget target) {
        String address = addresses.stream().filter(a -> VirtualHost.port(a).isPresent()).findFirst()
                .orElse("*:443");
        int colon = address.lastIndexOf(':');
        String ip = address.substring(0, colon);
        String connect = ip.equals("*") || ip.equals("_default_") || ip.equals("0.0.0.0") ? "127.0.0.1"
                : ip.equals("[::]") ? "::1" : ip.replace("[", "").replace("]", "");
        String sni = target.names().stream().filter(host::serves).findFirst().orElse(target.names().get(0));
        return new Endpoint(connect, VirtualHost.port(address).orElseThrow(), HostNames.concrete(sni));
    }
}
