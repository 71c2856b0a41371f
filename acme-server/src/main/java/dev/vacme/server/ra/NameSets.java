package dev.vacme.server.ra;

import dev.vacme.common.model.Identifier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What {@code duplicate-certificates} counts against: a certificate's set of names, independent of
 * order and case, as a SHA-256 hex digest so that a hundred long names still make a short index key.
 */
final class NameSets {

    private NameSets() {
    }

    /** Returns the key of the set of identifiers. */
    static String key(Collection<Identifier> identifiers) {
        String canonical = identifiers.stream()
                .map(id -> id.type().name().toLowerCase(Locale.ROOT) + ":" + id.value().toLowerCase(Locale.ROOT))
                .distinct().sorted().collect(Collectors.joining(","));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
