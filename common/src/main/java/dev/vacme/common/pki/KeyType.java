package dev.vacme.common.pki;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Arrays;
import java.util.Optional;

/** The key types Vacme generates and accepts for accounts and certificates. */
public enum KeyType {
    EC_P256("ecdsa-p256"),
    EC_P384("ecdsa-p384"),
    RSA_2048("rsa-2048"),
    RSA_3072("rsa-3072"),
    RSA_4096("rsa-4096"),
    ED25519("ed25519");

    private final String label;

    KeyType(String label) {
        this.label = label;
    }

    /** Returns a short human-readable name, e.g. {@code ecdsa-p256}. */
    public String label() {
        return label;
    }

    /** Generates a fresh key pair of this type. */
    public KeyPair generate(SecureRandom random) {
        try {
            KeyPairGenerator generator;
            switch (this) {
                case EC_P256, EC_P384 -> {
                    generator = KeyPairGenerator.getInstance("EC");
                    generator.initialize(new ECGenParameterSpec(this == EC_P256 ? "secp256r1" : "secp384r1"), random);
                }
                case RSA_2048, RSA_3072, RSA_4096 -> {
                    generator = KeyPairGenerator.getInstance("RSA");
                    generator.initialize(new RSAKeyGenParameterSpec(rsaBits(), RSAKeyGenParameterSpec.F4), random);
                }
                default -> {
                    generator = KeyPairGenerator.getInstance("Ed25519");
                    generator.initialize(255, random);
                }
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a " + label + " key", e);
        }
    }

    /** Generates a fresh key pair of this type with a default {@link SecureRandom}. */
    public KeyPair generate() {
        return generate(new SecureRandom());
    }

    /** Finds the type by its label, e.g. {@code rsa-2048}. */
    public static Optional<KeyType> fromLabel(String label) {
        return Arrays.stream(values()).filter(t -> t.label.equalsIgnoreCase(label)).findFirst();
    }

    /** Returns the type of a public key, if it is one Vacme supports. */
    public static Optional<KeyType> of(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return switch (rsa.getModulus().bitLength()) {
                case 2048 -> Optional.of(RSA_2048);
                case 3072 -> Optional.of(RSA_3072);
                case 4096 -> Optional.of(RSA_4096);
                default -> Optional.empty();
            };
        }
        if (key instanceof ECPublicKey ec) {
            return switch (ec.getParams().getCurve().getField().getFieldSize()) {
                case 256 -> Optional.of(EC_P256);
                case 384 -> Optional.of(EC_P384);
                default -> Optional.empty();
            };
        }
        if (key instanceof EdECPublicKey ed && "Ed25519".equalsIgnoreCase(ed.getParams().getName())) {
            return Optional.of(ED25519);
        }
        return Optional.empty();
    }

    private int rsaBits() {
        return switch (this) {
            case RSA_2048 -> 2048;
            case RSA_3072 -> 3072;
            default -> 4096;
        };
    }
}
