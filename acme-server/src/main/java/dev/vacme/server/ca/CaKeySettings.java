package dev.vacme.server.ca;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the CA's private keys live ({@code ca-key}): PEM files in {@code <data-dir>/ca} (the
 * default), or a PKCS#11 token such as an HSM or SoftHSM2, reached through the JDK's SunPKCS11
 * provider.
 */
public sealed interface CaKeySettings {

    /** The default key label of the root CA on a token. */
    String DEFAULT_ROOT_LABEL = "vacme-root";

    /** The default key label of the intermediate CA on a token. */
    String DEFAULT_INTERMEDIATE_LABEL = "vacme-intermediate";

    /** The keys are PEM files next to the certificates ({@code ca-key: pem}). */
    record Pem() implements CaKeySettings {
    }

    /**
     * The keys are on a PKCS#11 token ({@code ca-key: pkcs11}); only the certificates are files.
     *
     * @param configFile        the SunPKCS11 configuration file naming the library and the slot
     *                          ({@code pkcs11-config})
     * @param pinFile           the file holding the user PIN ({@code pkcs11-pin-file}), if given
     * @param environmentPin    the PIN from the environment variable {@value #PIN_VARIABLE}, if set
     * @param rootLabel         the root key's label on the token ({@code pkcs11-root-label})
     * @param intermediateLabel the intermediate key's label ({@code pkcs11-intermediate-label})
     */
    record Pkcs11(Path configFile, Optional<Path> pinFile, Optional<Secret> environmentPin, String rootLabel,
            String intermediateLabel) implements CaKeySettings {

        /** The environment variable that may hold the token's user PIN. */
        public static final String PIN_VARIABLE = "VACME_PKCS11_PIN";
    }

    /**
     * A secret value that never shows in {@code toString}, so that logging a configuration cannot
     * leak it.
     *
     * @param value the secret
     */
    record Secret(String value) {

        @Override
        public String toString() {
            return "(secret)";
        }
    }
}
