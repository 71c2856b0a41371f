package dev.vacme.client.store;

import dev.vacme.client.UsageException;
import dev.vacme.common.pki.KeyType;
import java.util.Locale;

/**
 * The certificate key settings of a lineage, as certbot names them.
 *
 * @param type       {@code ecdsa} or {@code rsa}
 * @param curve      {@code secp256r1} or {@code secp384r1}, for ecdsa
 * @param rsaBits    2048, 3072 or 4096, for rsa
 * @param reuseKey   keep the current private key when renewing
 */
public record KeySpec(String type, String curve, int rsaBits, boolean reuseKey) {

    /** The default: a fresh ECDSA P-256 key for every certificate. */
    public static final KeySpec DEFAULT = new KeySpec("ecdsa", "secp256r1", 2048, false);

    public KeySpec {
        type = type.toLowerCase(Locale.ROOT);
        curve = curve.toLowerCase(Locale.ROOT);
        keyType(type, curve, rsaBits);
    }

    /** Returns the key type to generate. */
    public KeyType keyType() {
        return keyType(type, curve, rsaBits);
    }

    private static KeyType keyType(String type, String curve, int rsaBits) {
        switch (type) {
            case "ecdsa" -> {
                return switch (curve) {
                    case "secp256r1", "p-256", "prime256v1" -> KeyType.EC_P256;
                    case "secp384r1", "p-384" -> KeyType.EC_P384;
                    default -> throw new UsageException("unsupported --elliptic-curve " + curve
                            + "; use secp256r1 or secp384r1");
                };
            }
            case "rsa" -> {
                return switch (rsaBits) {
                    case 2048 -> KeyType.RSA_2048;
                    case 3072 -> KeyType.RSA_3072;
                    case 4096 -> KeyType.RSA_4096;
                    default -> throw new UsageException("unsupported --rsa-key-size " + rsaBits
                            + "; use 2048, 3072 or 4096");
                };
            }
            default -> throw new UsageException("unsupported --key-type " + type + "; use ecdsa or rsa");
        }
    }
}
