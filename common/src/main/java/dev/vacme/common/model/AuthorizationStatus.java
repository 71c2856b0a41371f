package dev.vacme.common.model;

import com.fasterxml.jackson.annotation.JsonCreator;

/** Status of an authorization (RFC 8555 §7.1.6). Unknown values parse to {@link #UNKNOWN} instead of failing. */
public enum AuthorizationStatus implements WireValue {
    PENDING("pending"),
    VALID("valid"),
    INVALID("invalid"),
    DEACTIVATED("deactivated"),
    EXPIRED("expired"),
    REVOKED("revoked"),
    /** A value this version of Vacme does not know. */
    UNKNOWN("unknown");

    private final String wireName;

    AuthorizationStatus(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    /** Parses a wire value; anything unrecognised, including null, gives {@link #UNKNOWN}. */
    @JsonCreator
    public static AuthorizationStatus parse(String value) {
        return WireValues.parse(values(), value, UNKNOWN);
    }
}
