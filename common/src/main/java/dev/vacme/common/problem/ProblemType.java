package dev.vacme.common.problem;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The catalogue of ACME error types (RFC 8555 §6.7), plus {@code invalidProfile} (ACME profiles
 * draft) and {@code alreadyReplaced} (RFC 9773 §5), each with the HTTP status a server answers
 * with unless it has a reason to choose another.
 */
public enum ProblemType {
    ACCOUNT_DOES_NOT_EXIST("accountDoesNotExist", 400),
    ALREADY_REPLACED("alreadyReplaced", 409),
    ALREADY_REVOKED("alreadyRevoked", 400),
    BAD_CSR("badCSR", 400),
    BAD_NONCE("badNonce", 400),
    BAD_PUBLIC_KEY("badPublicKey", 400),
    BAD_REVOCATION_REASON("badRevocationReason", 400),
    BAD_SIGNATURE_ALGORITHM("badSignatureAlgorithm", 400),
    CAA("caa", 403),
    COMPOUND("compound", 403),
    CONNECTION("connection", 400),
    DNS("dns", 400),
    EXTERNAL_ACCOUNT_REQUIRED("externalAccountRequired", 401),
    INCORRECT_RESPONSE("incorrectResponse", 400),
    INVALID_CONTACT("invalidContact", 400),
    INVALID_PROFILE("invalidProfile", 400),
    MALFORMED("malformed", 400),
    ORDER_NOT_READY("orderNotReady", 403),
    RATE_LIMITED("rateLimited", 429),
    REJECTED_IDENTIFIER("rejectedIdentifier", 400),
    SERVER_INTERNAL("serverInternal", 500),
    TLS("tls", 400),
    UNAUTHORIZED("unauthorized", 403),
    UNSUPPORTED_CONTACT("unsupportedContact", 400),
    UNSUPPORTED_IDENTIFIER("unsupportedIdentifier", 400),
    USER_ACTION_REQUIRED("userActionRequired", 403),
    /** A type outside this catalogue; the raw URN stays in {@link Problem#type()}. */
    UNKNOWN("", 500);

    /** The namespace of every ACME error type (RFC 8555 §6.7). */
    public static final String URN_PREFIX = "urn:ietf:params:acme:error:";

    private final String code;
    private final int defaultStatus;

    ProblemType(String code, int defaultStatus) {
        this.code = code;
        this.defaultStatus = defaultStatus;
    }

    /** Returns the short code, e.g. {@code badNonce}. */
    public String code() {
        return code;
    }

    /** Returns the full type URN, e.g. {@code urn:ietf:params:acme:error:badNonce}. */
    @JsonValue
    public String urn() {
        return URN_PREFIX + code;
    }

    /** Returns the HTTP status this error is normally answered with. */
    public int defaultStatus() {
        return defaultStatus;
    }

    /** Finds the type for a URN; anything else, including null, gives {@link #UNKNOWN}. */
    @JsonCreator
    public static ProblemType fromUrn(String urn) {
        if (urn != null && urn.startsWith(URN_PREFIX)) {
            String code = urn.substring(URN_PREFIX.length());
            for (ProblemType type : values()) {
                if (type != UNKNOWN && type.code.equals(code)) {
                    return type;
                }
            }
        }
        return UNKNOWN;
    }
}
