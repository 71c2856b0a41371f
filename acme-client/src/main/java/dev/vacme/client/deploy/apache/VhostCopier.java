package dev.vacme.client.deploy.apache;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Adds a TLS copy of plain-HTTP VirtualHosts, as certbot does: the copies go to a new file
 * {@code vacme-NAME-ssl.conf} in the directory the original was included from, which an
 * {@code Include} line after the original reads unless an existing wildcard include already
 * covers that directory (Debian's {@code sites-enabled/*.conf}). It also adds {@code Listen PORT}
 * when nothing listens on the HTTPS port yet, and loads mod_ssl when it is not loaded.
 */
final class VhostCopier {

    /**
     * Directives not copied: redirects to HTTPS would loop on the HTTPS copy, and TLS settings of
     * the plain VirtualHost make no sense there; the copy gets its own.
     */
    private static final Set<String> DROPPED = Set.of("rewriteengine", "rewritecond", "rewriterule",
            "rewriteoptions", "redirect", "redirectmatch", "redirectpermanent", "redirecttemp");

    private final ApacheConfig config;
    private final int httpsPort;

    VhostCopier(ApacheConfig config, int httpsPort) {
        this.config = config;
        this.httpsPort = httpsPort;
    }

    /** Plans the copies of the VirtualHosts, their file, include, listener and module. */
    void copy(List<VirtualHost> hosts, CertificateTarget target, ConfigEdits edits) {
        Map<Path, List<VirtualHost>> byDirectory = new LinkedHashMap<>();
        for (VirtualHost host : hosts) {
            Path directory = host.section().file().path().toAbsolutePath().getParent();
            byDirectory.computeIfAbsent(directory, d -> new ArrayList<>()).add(host);
        }
        for (Map.Entry<Path, List<VirtualHost>> entry : byDirectory.entrySet()) {
            Path file = entry.getKey().resolve("vacme-" + target.lineage() + "-ssl.conf");
            List<String> lines = new ArrayList<>(List.of(
                    "# Added by vacme: the HTTPS copies of VirtualHosts serving " + String.join(", ", target.names()),
                    "# Remove this file (and an Include of it) to undo."));
            for (VirtualHost host : entry.getValue()) {
                lines.add("");
                lines.addAll(copyOf(host, target));
            }
            edits.create(file, ConfigFile.join(lines, true), "create " + file + " with an HTTPS copy of "
                    + String.join(", ", entry.getValue().stream().map(VirtualHost::where).toList()));
            if (!config.wouldInclude(file)) {
                Section original = entry.getValue().get(0).section();
                edits.insertAfter(original, List.of(original.file().indentOf(original.firstLine())
                        + "Include " + ConfigWords.quote(file.toString())), "include " + file + " after "
                        + original.where());
            }
        }
        ensureListener(edits);
        new SslModule(config).ensureLoaded(edits);
    }

    private List<String> copyOf(VirtualHost host, CertificateTarget target) {
        Section section = host.section();
        List<String> source = section.file().lines();
        List<String> lines = new ArrayList<>();
        lines.add("# Copied from " + section.where());
        lines.add("<VirtualHost *:" + httpsPort + ">");
        int line = section.firstLine() + 1;
        for (ConfigNode child : section.children()) {
            lines.addAll(source.subList(line, child.firstLine()));
            boolean dropped = child instanceof Directive d && (DROPPED.contains(d.name().toLowerCase(Locale.ROOT))
                    || d.name().toLowerCase(Locale.ROOT).startsWith("ssl"));
            if (!dropped) {
                lines.addAll(source.subList(child.firstLine(), child.lastLine() + 1));
            }
            line = child.lastLine() + 1;
        }
        lines.addAll(source.subList(line, section.lastLine()));
        String indent = SslPlanner.childIndent(section);
        for (String[] directive : SslPlanner.wanted(target)) {
            lines.add(SslPlanner.line(indent, directive[0], directive[1]));
        }
        lines.add("</VirtualHost>");
        return lines;
    }

    private void ensureListener(ConfigEdits edits) {
        List<Directive> listens = config.directives("Listen");
        boolean listening = listens.stream().anyMatch(d -> listenPort(d.firstArg()) == httpsPort);
        if (listening) {
            return;
        }
        if (listens.isEmpty()) {
            throw new ApacheConfigException("the configuration has no Listen directive; add Listen " + httpsPort
                    + " and run again");
        }
        Directive last = listens.get(listens.size() - 1);
        edits.insertAfter(last, List.of(last.file().indentOf(last.firstLine()) + "Listen " + httpsPort),
                "add Listen " + httpsPort + " after " + last.where());
    }

    /** Returns the port of a {@code Listen} argument: {@code 443}, {@code 0.0.0.0:443}, {@code [::]:443}. */
    static int listenPort(String argument) {
        String port = argument.substring(argument.lastIndexOf(':') + 1);
        try {
            return Integer.parseInt(port);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
