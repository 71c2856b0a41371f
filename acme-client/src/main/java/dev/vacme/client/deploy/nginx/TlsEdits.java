package dev.vacme.client.deploy.nginx;

import dev.vacme.client.deploy.nginx.ServerBlockSelector.Selected;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The edits that make chosen server blocks serve a lineage: {@code ssl_certificate} and
 * {@code ssl_certificate_key} point at its {@code fullchain.pem} and {@code privkey.pem}, and a
 * block without a TLS listener gets {@code listen PORT ssl;} and {@code listen [::]:PORT ssl;}.
 * A directive that already says the right thing is left alone, so a second run changes nothing.
 * A block with several certificates (RSA next to ECDSA) keeps only the lineage's one, since
 * nginx would otherwise go on serving the other to some clients.
 */
public final class TlsEdits {

    private final NginxConfig config;
    private final TextEdits edits = new TextEdits();
    private final List<String> changes = new ArrayList<>();
    private final Set<NginxDirective> touched = Collections.newSetFromMap(new IdentityHashMap<>());

    private TlsEdits(NginxConfig config) {
        this.config = config;
    }

    /**
     * Computes the edits.
     *
     * @param fullchain the lineage's {@code live/NAME/fullchain.pem}
     * @param privkey   its {@code live/NAME/privkey.pem}
     * @param httpsPort the port of a TLS listener that has to be added
     * @return the edits, with a description of each change
     */
    public static Result compute(NginxConfig config, List<Selected> blocks, Path fullchain, Path privkey,
            int httpsPort) {
        TlsEdits tls = new TlsEdits(config);
        for (Selected selected : blocks) {
            tls.block(selected, fullchain.toString(), privkey.toString(), httpsPort);
        }
        return new Result(tls.edits, List.copyOf(tls.changes));
    }

    /**
     * Edits and what they do.
     *
     * @param edits   the edits
     * @param changes one line per change, {@code FILE:LINE: what}
     */
    public record Result(TextEdits edits, List<String> changes) {
    }

    private void block(Selected selected, String fullchain, String privkey, int httpsPort) {
        ServerBlock block = selected.block();
        List<String> added = new ArrayList<>();
        if (selected.addTls()) {
            added.add(DirectiveText.render("listen", List.of(Integer.toString(httpsPort), "ssl")));
            added.add(DirectiveText.render("listen", List.of("[::]:" + httpsPort, "ssl")));
        }
        setOrAdd(block.directives("ssl_certificate"), "ssl_certificate", fullchain, added);
        setOrAdd(block.directives("ssl_certificate_key"), "ssl_certificate_key", privkey, added);
        if (!added.isEmpty()) {
            insert(block, added);
        }
    }

    private void setOrAdd(List<NginxDirective> existing, String name, String value, List<String> added) {
        if (existing.isEmpty()) {
            added.add(DirectiveText.render(name, List.of(value)));
            return;
        }
        NginxDirective first = existing.get(0);
        if (!first.args().equals(List.of(value)) && touched.add(first)) {
            edits.replace(first, DirectiveText.render(name, List.of(value)));
            changes.add(first.where() + ": " + name + " " + value + " (was " + String.join(" ", first.args()) + ")");
        }
        for (NginxDirective other : existing.subList(1, existing.size())) {
            if (touched.add(other)) {
                DirectiveText.remove(edits, config.file(other.file()), other);
                changes.add(other.where() + ": removed " + name + " " + String.join(" ", other.args()));
            }
        }
    }

    private void insert(ServerBlock block, List<String> lines) {
        NginxDirective server = block.directive();
        NginxFile file = config.file(server.file());
        List<NginxDirective> own = server.block();
        NginxDirective anchor = last(own, "listen");
        if (anchor == null) {
            anchor = last(own, "server_name");
        }
        if (anchor == null && !own.isEmpty()) {
            anchor = own.get(0);
        }
        if (anchor == null) {
            DirectiveText.insertIntoEmptyBlock(edits, file, server, lines);
        } else {
            DirectiveText.insertAfter(edits, file, anchor, lines);
        }
        lines.forEach(line -> changes.add(server.where() + ": added " + line));
    }

    private static NginxDirective last(List<NginxDirective> directives, String name) {
        NginxDirective found = null;
        for (NginxDirective directive : directives) {
            if (directive.name().equals(name)) {
                found = directive;
            }
        }
        return found;
    }
}
