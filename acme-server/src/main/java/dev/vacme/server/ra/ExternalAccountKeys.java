package dev.vacme.server.ra;

import dev.vacme.server.store.Store;
import dev.vacme.server.store.StoredEabKey;
import io.vertx.core.Future;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The operator's side of external account binding (RFC 8555 §7.3.4): minting, listing and
 * revoking the keys that clients put into newAccount.
 */
public final class ExternalAccountKeys {

    /** HMAC-SHA256 keys as long as the hash, which RFC 2104 recommends. */
    private static final int KEY_BYTES = 32;

    private final Store store;
    private final RandomIds ids;
    private final SecureRandom random;
    private final Clock clock;

    /** Creates the service. */
    public ExternalAccountKeys(Store store, SecureRandom random, Clock clock) {
        this.store = store;
        this.ids = new RandomIds(random);
        this.random = random;
        this.clock = clock;
    }

    /**
     * Mints a key with a random id.
     *
     * @param label the operator's label (e.g. a team or service, which profiles' {@code accounts}
     *              may name), or null
     */
    public Future<StoredEabKey> create(String label) {
        byte[] hmacKey = new byte[KEY_BYTES];
        random.nextBytes(hmacKey);
        StoredEabKey key = new StoredEabKey(keyId(), hmacKey, label, clock.instant(), null, null, null);
        return store.insertEabKey(key).map(key);
    }

    /**
     * A random key id that does not start with {@code -}: one in 64 base64url ids would, and the
     * id goes on command lines ({@code certbot --eab-kid}, {@code vacme-server eab revoke KID})
     * whose parsers would take it for an option.
     */
    String keyId() {
        String id = ids.resourceId();
        while (id.startsWith("-")) {
            id = ids.resourceId();
        }
        return id;
    }

    /** Every key, oldest first. */
    public Future<List<StoredEabKey>> list() {
        return store.listEabKeys();
    }

    /** Revokes a key; false when it is unknown or revoked already. */
    public Future<Boolean> revoke(String kid) {
        return store.revokeEabKey(kid, clock.instant());
    }

    /** The label of a key, for profiles restricted to labels. */
    public Future<Optional<String>> label(String kid) {
        return store.findEabKey(kid).map(found -> found.map(StoredEabKey::label));
    }
}
