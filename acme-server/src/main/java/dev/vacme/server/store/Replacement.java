package dev.vacme.server.store;

/**
 * A claim, made together with a new order, that the order replaces a certificate (RFC 9773 §5).
 * The store records it only if the certificate's current replacement is still
 * {@code expectedCurrentOrderId}, a compare-and-set, so two orders cannot both replace one
 * certificate.
 *
 * @param serial                 the serial of the certificate being replaced
 * @param expectedCurrentOrderId the order currently recorded as its replacement (null for none);
 *                               the registration authority passes a previous replacement order
 *                               only when that order failed or expired
 */
public record Replacement(String serial, String expectedCurrentOrderId) {
}
