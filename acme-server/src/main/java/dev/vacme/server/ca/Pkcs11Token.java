package dev.vacme.server.ca;

import dev.vacme.common.pki.SignatureAlgorithms;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * One PKCS#11 token, logged in, through a SunPKCS11 provider of its own (never registered
 * globally, so that nothing else in the JVM picks it by accident). Keys are found by label: the
 * alias of SunPKCS11's key store, which is the key's {@code CKA_ID} and its certificate's
 * {@code CKA_LABEL}. Keys generated here are token objects, private, sensitive and never
 * extractable: their private half cannot leave the token. Blocking: use it on a worker.
 */
public final class Pkcs11Token {

    /**
     * Added to the operator's configuration: every private key this provider generates is a
     * persistent token object that can never be read out and serves for signing only (no
     * decryption, unwrapping or key agreement).
     */
    private static final String GENERATE_ATTRIBUTES = """

            # added by vacme-server: CA keys are persistent, sensitive, never extractable, and only sign
            attributes(generate, CKO_PRIVATE_KEY, *) = {
              CKA_TOKEN = true
              CKA_PRIVATE = true
              CKA_SENSITIVE = true
              CKA_EXTRACTABLE = false
              CKA_SIGN = true
              CKA_DECRYPT = false
              CKA_UNWRAP = false
              CKA_DERIVE = false
            }
            """;

    private static final byte[] PROBE = "vacme key check".getBytes(StandardCharsets.US_ASCII);

    private final Provider provider;
    private final KeyStore keys;
    private final String name;

    private Pkcs11Token(Provider provider, KeyStore keys, String name) {
        this.provider = provider;
        this.keys = keys;
        this.name = name;
    }

    /**
     * Configures a SunPKCS11 provider from {@code configFile} and logs in with {@code pin}.
     *
     * @throws CaException with one line for an unreadable configuration, a missing library, a
     *                     missing token or a wrong PIN
     */
    public static Pkcs11Token open(Path configFile, char[] pin) {
        String configuration = readConfiguration(configFile);
        Provider base = Security.getProvider("SunPKCS11");
        if (base == null) {
            throw new CaException("this Java runtime has no SunPKCS11 provider (module jdk.crypto.cryptoki), "
                    + "which ca-key: pkcs11 needs");
        }
        Provider provider;
        try {
            provider = base.configure("--" + configuration + GENERATE_ATTRIBUTES);
        } catch (RuntimeException e) {
            throw Pkcs11Errors.configuring(configFile, e);
        }
        String name = provider.getName().replaceFirst("^SunPKCS11-", "");
        try {
            KeyStore keys = KeyStore.getInstance("PKCS11", provider);
            keys.load(null, pin);
            return new Pkcs11Token(provider, keys, name);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw Pkcs11Errors.loggingIn(name, configFile, e);
        } finally {
            Arrays.fill(pin, '\0');
        }
    }

    /**
     * Opens the token of {@code ca-key: pkcs11} settings, with the PIN from their file or
     * environment variable.
     *
     * @throws CaException with one line for a missing or unreadable PIN, or as {@link #open(Path, char[])}
     */
    public static Pkcs11Token open(CaKeySettings.Pkcs11 settings) {
        return open(settings.configFile(), Pkcs11Pin.read(settings));
    }

    private static String readConfiguration(Path configFile) {
        try {
            return Files.readString(configFile, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CaException("the PKCS#11 configuration " + configFile + " (pkcs11-config) does not exist");
        } catch (AccessDeniedException e) {
            throw new CaException("cannot read the PKCS#11 configuration " + configFile + " (pkcs11-config): "
                    + "permission denied");
        } catch (IOException e) {
            throw new CaException("cannot read the PKCS#11 configuration " + configFile + " (pkcs11-config): "
                    + e.getMessage(), e);
        }
    }

    /** The token's name: the {@code name} of its SunPKCS11 configuration. */
    public String name() {
        return name;
    }

    /** The provider that owns the token's keys. */
    public Provider provider() {
        return provider;
    }

    /** Returns true when the token holds a key under this label. */
    public boolean hasKey(String label) {
        try {
            return keys.isKeyEntry(label);
        } catch (GeneralSecurityException e) {
            throw new CaException("cannot list the keys on PKCS#11 token '" + name + "': " + e.getMessage(), e);
        }
    }

    /** Returns the private key under this label, if the token holds one; it never leaves the token. */
    public Optional<PrivateKey> privateKey(String label) {
        try {
            return keys.isKeyEntry(label) ? Optional.of((PrivateKey) keys.getKey(label, null)) : Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new CaException("cannot read the key '" + label + "' on PKCS#11 token '" + name + "': "
                    + e.getMessage(), e);
        }
    }

    /**
     * Returns the key under this label; when the token seemed not to hold it, looks again, for a
     * key another process (e.g. {@code vacme-server ca}) stored after this one logged in.
     */
    public Optional<PrivateKey> findKey(String label) {
        Optional<PrivateKey> key = privateKey(label);
        if (key.isPresent()) {
            return key;
        }
        try {
            // Still logged in, so no PIN: SunPKCS11 only lists the token's labels again.
            keys.load(null, null);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new CaException("cannot list the keys on PKCS#11 token '" + name + "' again: "
                    + Pkcs11Errors.reason(e), e);
        }
        return privateKey(label);
    }

    /** How messages name a key on this token. */
    public String describe(String label) {
        return "PKCS#11 token '" + name + "' key '" + label + "'";
    }

    /**
     * Generates an EC key pair on the token, e.g. on {@code secp384r1}; the private key is a
     * token object, sensitive and not extractable. Store it with {@link #store} to give it a label.
     */
    public KeyPair generateEc(String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", provider);
            generator.initialize(new ECGenParameterSpec(curve));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new CaException("cannot generate an EC " + curve + " key on PKCS#11 token '" + name + "': "
                    + Pkcs11Errors.reason(e), e);
        }
    }

    /** Labels a generated key and stores its certificate beside it on the token. */
    public void store(String label, PrivateKey key, X509Certificate certificate) {
        try {
            keys.setKeyEntry(label, key, null, new Certificate[] {certificate});
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new CaException("cannot store the key '" + label + "' on PKCS#11 token '" + name + "': "
                    + Pkcs11Errors.reason(e), e);
        }
    }

    /** Deletes the key and certificate under this label, e.g. those of a failed first start. */
    public void delete(String label) {
        try {
            if (keys.containsAlias(label)) {
                keys.deleteEntry(label);
            }
        } catch (GeneralSecurityException e) {
            throw new CaException("cannot delete the key '" + label + "' on PKCS#11 token '" + name + "': "
                    + e.getMessage(), e);
        }
    }

    /**
     * Returns a signer for one structure with a key on this token, with the signature algorithm
     * that fits {@code publicKey}.
     */
    public ContentSigner signer(PrivateKey key, PublicKey publicKey) {
        try {
            return new JcaContentSignerBuilder(SignatureAlgorithms.forKey(publicKey)).setProvider(provider).build(key);
        } catch (OperatorCreationException | RuntimeException e) {
            throw new CaException("PKCS#11 token '" + name + "' cannot sign: " + Pkcs11Errors.reason(e), e);
        }
    }

    /**
     * Returns true when {@code key} is the private half of {@code publicKey}: the token signs a
     * probe, and the public key must verify it.
     */
    public boolean matches(PrivateKey key, PublicKey publicKey) {
        String algorithm = SignatureAlgorithms.forKey(publicKey);
        try {
            Signature signing = Signature.getInstance(algorithm, provider);
            signing.initSign(key);
            signing.update(PROBE);
            byte[] signature = signing.sign();
            Signature verifying = Signature.getInstance(algorithm);
            verifying.initVerify(publicKey);
            verifying.update(PROBE);
            return verifying.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        } catch (RuntimeException e) {
            throw new CaException("PKCS#11 token '" + name + "' cannot sign: " + Pkcs11Errors.reason(e), e);
        }
    }
}
