package dev.vacme.common.model;

import com.fasterxml.jackson.annotation.JsonCreator;

/** Status of an account (RFC 8555 §7.1.6). Unknown values parse to {@link #UNKNOWN} instead of failing. */
public enum AccountStatus implements WireValue {
    VALID("valid"),
    DEACTIVATED("deactivated"),
    REVOKED("revoked"),
    /** A value this version of Vacme does not know. */
    UNKNOWN("unknown");

    private final String wireName;

    AccountStatus(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    /** Parses a wire value; anything unrecognised, including null, gives {@link #UNKNOWN}. */
    @JsonCreator
    public static AccountStatus parse(String value) {
        return WireValues.parse(values(), value, UNKNOWN);
    }
}
