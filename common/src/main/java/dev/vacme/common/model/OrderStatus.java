package dev.vacme.common.model;

import com.fasterxml.jackson.annotation.JsonCreator;

/** Status of an order (RFC 8555 §7.1.6). Unknown values parse to {@link #UNKNOWN} instead of failing. */
public enum OrderStatus implements WireValue {
    PENDING("pending"),
    READY("ready"),
    PROCESSING("processing"),
    VALID("valid"),
    INVALID("invalid"),
    /** A value this version of Vacme does not know. */
    UNKNOWN("unknown");

    private final String wireName;

    OrderStatus(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    /** Parses a wire value; anything unrecognised, including null, gives {@link #UNKNOWN}. */
    @JsonCreator
    public static OrderStatus parse(String value) {
        return WireValues.parse(values(), value, UNKNOWN);
    }
}
