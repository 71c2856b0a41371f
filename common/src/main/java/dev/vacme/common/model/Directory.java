package dev.vacme.common.model;

import java.net.URI;

/**
 * The directory object (RFC 8555 §7.1.1), with {@code renewalInfo} from RFC 9773 §3.
 *
 * @param newNonce    where to get a fresh nonce
 * @param newAccount  where to create or look up an account
 * @param newOrder    where to create an order
 * @param newAuthz    where to pre-authorize, when supported
 * @param revokeCert  where to revoke a certificate
 * @param keyChange   where to roll over an account key
 * @param renewalInfo the base URL of renewal information (RFC 9773), when supported
 * @param meta        metadata about the server
 */
public record Directory(
        URI newNonce,
        URI newAccount,
        URI newOrder,
        URI newAuthz,
        URI revokeCert,
        URI keyChange,
        URI renewalInfo,
        DirectoryMeta meta) {
}
