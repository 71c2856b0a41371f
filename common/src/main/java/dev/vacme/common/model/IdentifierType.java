package dev.vacme.common.model;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * Type of an identifier: {@code dns} (RFC 8555 §9.7.7) or {@code ip} (RFC 8738). Unknown values
 * parse to {@link #UNKNOWN} instead of failing.
 */
public enum IdentifierType implements WireValue {
    DNS("dns"),
    IP("ip"),
    /** A value this version of Vacme does not know. */
    UNKNOWN("unknown");

    private final String wireName;

    IdentifierType(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    /** Parses a wire value; anything unrecognised, including null, gives {@link #UNKNOWN}. */
    @JsonCreator
    public static IdentifierType parse(String value) {
        return WireValues.parse(values(), value, UNKNOWN);
    }
}
