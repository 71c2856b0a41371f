package dev.vacme.server.wfe;

import dev.vacme.common.jws.Base64Url;
import io.vertx.core.Future;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Nonces for a single instance (the embedded SQLite store), redeemed without touching the
 * database (RFC 8555 §6.5). A nonce is its issue number and expiry, encrypted as one AES block so
 * that it tells nothing about the server's traffic, followed by a 16-byte HMAC-SHA256 of that
 * block. Both keys are made at start and never stored: a restart, or another process on the same
 * file, rejects every earlier nonce, which is what keeps the in-memory {@link NonceWindow} the
 * complete record of used nonces. A client that meets a restart gets one {@code badNonce} and
 * retries with the fresh nonce of that answer, as RFC 8555 §6.5 expects clients to.
 */
public final class LocalNonces implements NonceService {

    /** 2^22 numbers: half a megabyte, over two hours of nonces at 500 requests a second. */
    private static final int WINDOW_LOG2 = 22;
    private static final int BLOCK_BYTES = 16;
    private static final int MAC_BYTES = 16;
    private static final int LENGTH = BLOCK_BYTES + MAC_BYTES;

    private final NonceWindow window;
    private final Duration lifetime;
    private final Clock clock;
    private final ThreadLocal<Cipher> encryption;
    private final ThreadLocal<Cipher> decryption;
    private final ThreadLocal<Mac> macs;

    /**
     * @param lifetime how long a nonce stays redeemable
     * @param clock    the clock
     * @param random   randomness for this start's keys
     */
    public LocalNonces(Duration lifetime, Clock clock, SecureRandom random) {
        this(lifetime, clock, random, WINDOW_LOG2);
    }

    /** As above, with a window of {@code 2^windowLog2} nonces (small in tests). */
    LocalNonces(Duration lifetime, Clock clock, SecureRandom random, int windowLog2) {
        this.window = new NonceWindow(windowLog2);
        this.lifetime = lifetime;
        this.clock = clock;
        SecretKeySpec cipherKey = new SecretKeySpec(randomBytes(random, 16), "AES");
        SecretKeySpec macKey = new SecretKeySpec(randomBytes(random, 32), "HmacSHA256");
        // One block, each plaintext used once: ECB here is simply the AES permutation.
        this.encryption = ThreadLocal.withInitial(() -> cipher(Cipher.ENCRYPT_MODE, cipherKey));
        this.decryption = ThreadLocal.withInitial(() -> cipher(Cipher.DECRYPT_MODE, cipherKey));
        this.macs = ThreadLocal.withInitial(() -> mac(macKey));
    }

    @Override
    public String issue() {
        long number = window.issue();
        long expires = clock.instant().plus(lifetime).getEpochSecond();
        byte[] plain = ByteBuffer.allocate(BLOCK_BYTES).putLong(number).putLong(expires).array();
        byte[] nonce = new byte[LENGTH];
        try {
            encryption.get().doFinal(plain, 0, BLOCK_BYTES, nonce, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES is not available", e);
        }
        System.arraycopy(tag(nonce), 0, nonce, BLOCK_BYTES, MAC_BYTES);
        return Base64Url.encode(nonce);
    }

    @Override
    public Future<Void> redeem(String nonce) {
        byte[] bytes;
        try {
            bytes = Base64Url.decode(nonce);
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(NonceProblems.badNonce("the nonce is not base64url"));
        }
        if (bytes.length != LENGTH
                || !MessageDigest.isEqual(tag(bytes), Arrays.copyOfRange(bytes, BLOCK_BYTES, LENGTH))) {
            return Future.failedFuture(NonceProblems.badNonce("the nonce was not issued by this server"
                    + " since it last started"));
        }
        ByteBuffer plain = ByteBuffer.wrap(decrypt(bytes));
        long number = plain.getLong();
        if (plain.getLong() <= clock.instant().getEpochSecond()) {
            return Future.failedFuture(NonceProblems.badNonce("the nonce has expired"));
        }
        return switch (window.redeem(number)) {
            case FIRST -> Future.succeededFuture();
            case USED -> Future.failedFuture(NonceProblems.badNonce("the nonce has already been used"));
            case OUT_OF_WINDOW -> Future.failedFuture(NonceProblems.badNonce("the nonce has expired"));
        };
    }

    private byte[] tag(byte[] nonce) {
        Mac mac = macs.get();
        mac.update(nonce, 0, BLOCK_BYTES);
        return Arrays.copyOf(mac.doFinal(), MAC_BYTES);
    }

    private byte[] decrypt(byte[] nonce) {
        try {
            return decryption.get().doFinal(nonce, 0, BLOCK_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES is not available", e);
        }
    }

    private static byte[] randomBytes(SecureRandom random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static Cipher cipher(int mode, SecretKeySpec key) {
        try {
            Cipher cipher = Cipher.getInstance("AES/ECB/NoPadding");
            cipher.init(mode, key);
            return cipher;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES is not available", e);
        }
    }

    private static Mac mac(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
