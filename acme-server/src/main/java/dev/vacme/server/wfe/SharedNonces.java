package dev.vacme.server.wfe;

import dev.vacme.common.jws.Base64Url;
import dev.vacme.server.store.Store;
import io.vertx.core.Future;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Nonces for several instances sharing one database (RFC 8555 §6.5). A nonce is 16 random bytes, an 8-byte expiry and a
 * 16-byte HMAC-SHA256 over both, under a key kept in the store; so issuing one needs no database
 * write, and every instance sharing the database accepts the nonces of every other. Redeeming
 * checks MAC and expiry, then records the random part in the store's used-nonce table, whose
 * unique key makes every nonce single-use across instances.
 */
public final class SharedNonces implements NonceService {

    /** Name of the MAC key in the store's secrets. */
    public static final String SECRET_NAME = "nonce-mac-key";

    private static final int RANDOM_BYTES = 16;
    private static final int MAC_BYTES = 16;
    private static final int LENGTH = RANDOM_BYTES + Long.BYTES + MAC_BYTES;

    private final Store store;
    private final byte[] key;
    private final Duration lifetime;
    private final Clock clock;
    private final SecureRandom random;
    /** One initialised MAC per thread: looking up the provider and keying it cost more than the MAC. */
    private final ThreadLocal<Mac> macs;

    /**
     * @param store    where used nonces are recorded
     * @param key      the shared MAC key (from {@link Store#secret})
     * @param lifetime how long a nonce stays redeemable
     * @param clock    the clock
     * @param random   randomness for new nonces
     */
    public SharedNonces(Store store, byte[] key, Duration lifetime, Clock clock, SecureRandom random) {
        this.store = store;
        this.key = key.clone();
        this.lifetime = lifetime;
        this.clock = clock;
        this.random = random;
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    @Override
    public String issue() {
        ByteBuffer buffer = ByteBuffer.allocate(LENGTH);
        byte[] randomPart = new byte[RANDOM_BYTES];
        random.nextBytes(randomPart);
        buffer.put(randomPart).putLong(clock.instant().plus(lifetime).getEpochSecond());
        buffer.put(mac(buffer.array(), RANDOM_BYTES + Long.BYTES));
        return Base64Url.encode(buffer.array());
    }

    @Override
    public Future<Void> redeem(String nonce) {
        byte[] bytes;
        try {
            bytes = Base64Url.decode(nonce);
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(NonceProblems.badNonce("the nonce is not base64url"));
        }
        if (bytes.length != LENGTH) {
            return Future.failedFuture(NonceProblems.badNonce("the nonce was not issued by this server"));
        }
        byte[] expected = mac(bytes, RANDOM_BYTES + Long.BYTES);
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(bytes, RANDOM_BYTES + Long.BYTES, LENGTH))) {
            return Future.failedFuture(NonceProblems.badNonce("the nonce was not issued by this server"));
        }
        Instant expires = Instant.ofEpochSecond(ByteBuffer.wrap(bytes, RANDOM_BYTES, Long.BYTES).getLong());
        if (!expires.isAfter(clock.instant())) {
            return Future.failedFuture(NonceProblems.badNonce("the nonce has expired"));
        }
        String id = Base64Url.encode(Arrays.copyOf(bytes, RANDOM_BYTES));
        return store.redeemNonce(id, expires).compose(first -> first
                ? Future.succeededFuture()
                : Future.failedFuture(NonceProblems.badNonce("the nonce has already been used")));
    }

    private byte[] mac(byte[] data, int length) {
        Mac mac = macs.get();
        mac.update(data, 0, length);
        return Arrays.copyOf(mac.doFinal(), MAC_BYTES);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
