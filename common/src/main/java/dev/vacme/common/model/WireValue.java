package dev.vacme.common.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** An enum constant with the string that represents it in ACME JSON. */
public interface WireValue {

    /** Returns the string used for this value on the wire, for example {@code "pending"}. */
    @JsonValue
    String wireName();
}
