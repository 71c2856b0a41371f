package dev.vacme.client.cli;

import dev.vacme.client.UsageException;
import java.util.Locale;

/** The revocation reasons certbot offers, with their RFC 5280 §5.3.1 codes. */
enum RevocationReason {
    UNSPECIFIED(0),
    KEYCOMPROMISE(1),
    AFFILIATIONCHANGED(3),
    SUPERSEDED(4),
    CESSATIONOFOPERATION(5);

    private final int code;

    RevocationReason(int code) {
        this.code = code;
    }

    /** Returns the RFC 5280 reason code. */
    int code() {
        return code;
    }

    /** Parses a reason name as certbot spells it, in any case. */
    static RevocationReason parse(String text) {
        try {
            return valueOf(text.strip().replace("-", "").replace("_", "").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("unknown --reason '" + text + "'; use unspecified, keycompromise,"
                    + " affiliationchanged, superseded or cessationofoperation");
        }
    }
}
