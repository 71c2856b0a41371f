package dev.vacme.server.ca;

import java.security.cert.X509Certificate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Everything under {@code <data-dir>/ca}: the root, every intermediate it signed (oldest first),
 * and the alternate roots that cross-signed some of them.
 *
 * @param root           the CA's own root, which relying parties trust
 * @param intermediates  the intermediates, ordered by creation time, oldest first
 * @param alternateRoots roots that certified intermediates a second time (alternate chains)
 */
public record CaHierarchy(X509Certificate root, List<Intermediate> intermediates, List<X509Certificate> alternateRoots) {

    public CaHierarchy {
        if (intermediates.isEmpty()) {
            throw new IllegalArgumentException("a CA has at least one intermediate");
        }
        intermediates = intermediates.stream()
                .sorted(Comparator.comparing(Intermediate::created).thenComparing(Intermediate::id))
                .toList();
        alternateRoots = List.copyOf(alternateRoots);
    }

    /** Finds an intermediate by its id. */
    public Optional<Intermediate> intermediate(String id) {
        return intermediates.stream().filter(intermediate -> intermediate.id().equals(id)).findFirst();
    }

    /** The intermediate made last. */
    public Intermediate newest() {
        return intermediates.get(intermediates.size() - 1);
    }
}
