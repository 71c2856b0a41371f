package dev.vacme.server.wfe;

import io.vertx.core.Future;

/**
 * Anti-replay nonces (RFC 8555 §6.5): every response carries a fresh one in {@code Replay-Nonce},
 * and every JWS request redeems one, each nonce once. {@link SharedNonces} serves several
 * instances on one database; {@link LocalNonces} a single instance without any database write.
 */
public interface NonceService {

    /** Returns a fresh nonce for a {@code Replay-Nonce} header. */
    String issue();

    /**
     * Redeems a nonce from a JWS header.
     *
     * @return a future that fails with {@code badNonce} when the nonce is malformed, forged,
     *         expired or used before
     */
    Future<Void> redeem(String nonce);
}
