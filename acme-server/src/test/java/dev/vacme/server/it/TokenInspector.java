package dev.vacme.server.it;

import dev.vacme.server.ca.Pkcs11Token;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.ECPrivateKeySpec;

/**
 * Run in a JVM of its own with the test's SOFTHSM2_CONF (SoftHSM2 reads it once per process):
 * prints, for each label, what SunPKCS11 says about the private key on the token, one line each:
 * {@code LABEL present=true encoded=null readable=false provider=<the provider's description>}.
 */
public final class TokenInspector {

    private TokenInspector() {
    }

    /** Arguments: the SunPKCS11 configuration file, the PIN, then the labels. */
    public static void main(String[] args) throws Exception {
        Pkcs11Token token = Pkcs11Token.open(Path.of(args[0]), args[1].toCharArray());
        for (int i = 2; i < args.length; i++) {
            String label = args[i];
            PrivateKey key = token.privateKey(label).orElse(null);
            if (key == null) {
                System.out.println(label + " present=false");
                continue;
            }
            System.out.println(label + " present=true encoded=" + (key.getEncoded() == null ? "null" : "bytes")
                    + " readable=" + readable(token, key) + " provider=" + key);
        }
    }

    /** Whether the provider hands out the private value: never for a sensitive, non-extractable key. */
    private static boolean readable(Pkcs11Token token, PrivateKey key) {
        try {
            KeyFactory.getInstance("EC", token.provider()).getKeySpec(key, ECPrivateKeySpec.class);
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
