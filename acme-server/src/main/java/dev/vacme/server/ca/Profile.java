package dev.vacme.server.ca;

import dev.vacme.common.model.IdentifierType;
import dev.vacme.common.pki.KeyType;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A certificate profile (draft-ietf-acme-profiles): what an end-entity certificate issued under
 * this name looks like and who may ask for it. Chosen per order, stored with it, and carried to the
 * signer in {@link IssuanceRequest}.
 *
 * @param name             the name clients put in newOrder's {@code profile}
 * @param description      the text shown in the directory's {@code meta.profiles}
 * @param validity         the lifetime of certificates (notAfter minus the moment of signing)
 * @param backdate         how far notBefore lies before the moment of signing, for clock skew
 * @param keyUsages        the key usage bits; {@link KeyUse#KEY_ENCIPHERMENT} only lands in
 *                         certificates for RSA keys, the only ones that can encipher
 * @param extendedKeyUsages the extended key usages (at least one)
 * @param allowedKeyTypes  the subject key types this profile accepts
 * @param maxNames         the most identifiers one certificate may hold
 * @param identifierTypes  the identifier types this profile accepts
 * @param allowedAccounts  who may use the profile: account URLs or external account binding key
 *                         labels; empty means every account
 */
public record Profile(
        String name,
        String description,
        Duration validity,
        Duration backdate,
        Set<KeyUse> keyUsages,
        Set<ExtendedUse> extendedKeyUsages,
        Set<KeyType> allowedKeyTypes,
        int maxNames,
        Set<IdentifierType> identifierTypes,
        List<String> allowedAccounts) {

    /** The name of the built-in profile for TLS servers, the default unless configured otherwise. */
    public static final String TLS_SERVER = "tlsserver";
    /** The name of the built-in profile for TLS clients (service identities in mutual TLS). */
    public static final String TLS_CLIENT = "tlsclient";
    /** The name of the built-in short-lived TLS server profile, which relies on ARI renewal. */
    public static final String SHORT_LIVED = "shortlived";

    /** The most names a built-in profile allows in one certificate. */
    public static final int DEFAULT_MAX_NAMES = 100;
    /** The backdate of built-in profiles. */
    public static final Duration DEFAULT_BACKDATE = Duration.ofHours(1);

    /** Key usage bits (RFC 5280 §4.2.1.3) an end-entity profile may set. */
    public enum KeyUse {
        /** digitalSignature: TLS handshake signatures. */
        DIGITAL_SIGNATURE("digitalSignature"),
        /** keyEncipherment: RSA key transport (only set for RSA keys). */
        KEY_ENCIPHERMENT("keyEncipherment");

        private final String configName;

        KeyUse(String configName) {
            this.configName = configName;
        }

        /** The name used in the configuration file. */
        public String configName() {
            return configName;
        }
    }

    /** Extended key usages (RFC 5280 §4.2.1.12) an end-entity profile may set. */
    public enum ExtendedUse {
        /** id-kp-serverAuth: TLS server. */
        SERVER_AUTH("serverAuth"),
        /** id-kp-clientAuth: TLS client. */
        CLIENT_AUTH("clientAuth");

        private final String configName;

        ExtendedUse(String configName) {
            this.configName = configName;
        }

        /** The name used in the configuration file. */
        public String configName() {
            return configName;
        }
    }

    public Profile {
        keyUsages = Set.copyOf(keyUsages);
        extendedKeyUsages = Set.copyOf(extendedKeyUsages);
        allowedKeyTypes = Set.copyOf(allowedKeyTypes);
        identifierTypes = Set.copyOf(identifierTypes);
        allowedAccounts = List.copyOf(allowedAccounts);
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("profile " + name + ": the validity must be positive");
        }
        if (backdate.isNegative()) {
            throw new IllegalArgumentException("profile " + name + ": the backdate must not be negative");
        }
        if (keyUsages.isEmpty() || extendedKeyUsages.isEmpty() || allowedKeyTypes.isEmpty()
                || identifierTypes.isEmpty()) {
            throw new IllegalArgumentException("profile " + name
                    + ": key usages, extended key usages, key types and identifier types must not be empty");
        }
        if (maxNames < 1) {
            throw new IllegalArgumentException("profile " + name + ": max names must be at least 1");
        }
    }

    /** A TLS profile with the built-in defaults for everything but name, description, usage and lifetime. */
    public static Profile tls(String name, String description, Set<ExtendedUse> extendedKeyUsages, Duration validity) {
        return new Profile(name, description, validity, DEFAULT_BACKDATE,
                EnumSet.of(KeyUse.DIGITAL_SIGNATURE, KeyUse.KEY_ENCIPHERMENT), extendedKeyUsages,
                EnumSet.allOf(KeyType.class), DEFAULT_MAX_NAMES, EnumSet.of(IdentifierType.DNS, IdentifierType.IP),
                List.of());
    }

    /** Whether every account may use this profile. */
    public boolean openToEveryAccount() {
        return allowedAccounts.isEmpty();
    }
}
