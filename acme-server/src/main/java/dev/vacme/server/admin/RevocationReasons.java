package dev.vacme.server.admin;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The RFC 5280 §5.3.1 reason codes by the names operators type. */
enum RevocationReasons {
    UNSPECIFIED(0, "unspecified"),
    KEY_COMPROMISE(1, "keyCompromise"),
    CA_COMPROMISE(2, "cACompromise"),
    AFFILIATION_CHANGED(3, "affiliationChanged"),
    SUPERSEDED(4, "superseded"),
    CESSATION_OF_OPERATION(5, "cessationOfOperation"),
    CERTIFICATE_HOLD(6, "certificateHold"),
    REMOVE_FROM_CRL(8, "removeFromCRL"),
    PRIVILEGE_WITHDRAWN(9, "privilegeWithdrawn"),
    AA_COMPROMISE(10, "aACompromise");

    private final int code;
    private final String rfcName;

    RevocationReasons(int code, String rfcName) {
        this.code = code;
        this.rfcName = rfcName;
    }

    int code() {
        return code;
    }

    /** Finds a reason by its RFC name, ignoring case, or by its number. */
    static Optional<RevocationReasons> parse(String text) {
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(r -> r.rfcName.toLowerCase(Locale.ROOT).equals(wanted) || Integer.toString(r.code).equals(wanted))
                .findFirst();
    }

    /** Returns the RFC name of a code, or the number when it has none. */
    static String name(int code) {
        return Arrays.stream(values()).filter(r -> r.code == code).findFirst().map(r -> r.rfcName)
                .orElse(Integer.toString(code));
    }

    @Override
    public String toString() {
        return rfcName;
    }
}
