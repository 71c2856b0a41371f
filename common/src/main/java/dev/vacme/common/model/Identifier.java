package dev.vacme.common.model;

/**
 * An identifier a certificate is requested for (RFC 8555 §7.1.3, §7.1.4).
 *
 * @param type  {@code dns} or {@code ip}; other types parse to {@link IdentifierType#UNKNOWN}
 * @param value the domain name or the textual IP address
 */
public record Identifier(IdentifierType type, String value) {

    /** Creates a {@code dns} identifier. */
    public static Identifier dns(String name) {
        return new Identifier(IdentifierType.DNS, name);
    }

    /** Creates an {@code ip} identifier (RFC 8738). */
    public static Identifier ip(String address) {
        return new Identifier(IdentifierType.IP, address);
    }

    @Override
    public String toString() {
        return (type == null ? "?" : type.wireName()) + ":" + value;
    }
}
