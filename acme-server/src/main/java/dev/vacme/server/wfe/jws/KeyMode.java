package dev.vacme.server.wfe.jws;

/** Which key reference a resource accepts in the JWS header (RFC 8555 §6.2). */
public enum KeyMode {
    /** Only {@code jwk}: newAccount. */
    JWK,
    /** Only {@code kid}: every resource after account creation. */
    KID,
    /** Either: revokeCert, which the certificate's own key may sign (§7.6). */
    JWK_OR_KID
}
