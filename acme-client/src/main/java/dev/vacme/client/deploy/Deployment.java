package dev.vacme.client.deploy;

import dev.vacme.client.store.LineageFiles;
import java.util.List;
import java.util.Objects;

/**
 * One lineage version to install: its name, its names, and the paths of its files through the
 * {@code live/NAME} link, which is what a web server's configuration should name so that later
 * versions need only a reload.
 *
 * @param name    the lineage name
 * @param domains the certificate's names, in order (may include wildcards)
 * @param live    {@code live/NAME/{cert,chain,fullchain,privkey}.pem}
 * @param version the lineage version these files are
 */
public record Deployment(String name, List<String> domains, LineageFiles live, int version) {

    public Deployment {
        Objects.requireNonNull(name, "name");
        domains = List.copyOf(domains);
        Objects.requireNonNull(live, "live");
    }
}
