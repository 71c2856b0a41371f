package dev.vacme.server.wfe.jws;

import dev.vacme.common.jws.JwsException;
import dev.vacme.common.jws.VerificationKey;
import dev.vacme.server.store.StoredAccount;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The account keys the server has verified requests with, prepared for verification and kept by
 * their RFC 7638 thumbprint, so that a known {@code kid} costs no JWK parsing and BouncyCastle can
 * reuse its precomputation for the key's point. Keyed by thumbprint, not account: after a key
 * change the account's stored thumbprint names the new key, so an old key is never used for it.
 * Bounded, least recently used first out; safe to use from every event loop.
 */
final class AccountKeyCache {

    private final Map<String, VerificationKey> keys;

    /** Creates a cache holding at most {@code capacity} keys. */
    AccountKeyCache(int capacity) {
        this.keys = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, VerificationKey> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * Returns the account's key, prepared.
     *
     * @throws JwsException when the stored key cannot be used (never for a key the server accepted)
     */
    VerificationKey keyOf(StoredAccount account) throws JwsException {
        synchronized (keys) {
            VerificationKey cached = keys.get(account.keyThumbprint());
            if (cached != null) {
                return cached;
            }
        }
        VerificationKey prepared = VerificationKey.forRepeatedUse(account.publicJwk());
        synchronized (keys) {
            keys.put(account.keyThumbprint(), prepared);
        }
        return prepared;
    }
}
