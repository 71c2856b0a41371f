package dev.vacme.server.config;

import dev.vacme.server.ca.CaKeySettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Reads {@code ca-key} and, for a PKCS#11 token, where the token is and how to log in to it. */
final class CaKeyConfig {

    /** The keys only {@code ca-key: pkcs11} uses. */
    private static final List<String> PKCS11_KEYS = List.of("pkcs11-config", "pkcs11-pin-file", "pkcs11-root-label",
            "pkcs11-intermediate-label");

    /** Refused on purpose: a PIN on the command line or in a configuration file is readable by others. */
    private static final String PIN_KEY = "pkcs11-pin";

    private CaKeyConfig() {
    }

    /**
     * Builds the settings from the merged options and, for the PIN, the environment.
     *
     * @param string      the option's single value, if given
     * @param environment the process environment
     */
    static CaKeySettings read(Function<String, Optional<String>> string, Map<String, String> environment) {
        String kind = string.apply("ca-key").orElse("pem").toLowerCase(Locale.ROOT);
        if (kind.equals("pem")) {
            PKCS11_KEYS.stream().filter(key -> string.apply(key).isPresent()).findFirst().ifPresent(key -> {
                throw new ConfigException(key + ": only used with ca-key: pkcs11 (the CA's keys are PEM files now)");
            });
            return new CaKeySettings.Pem();
        }
        if (!kind.equals("pkcs11")) {
            throw new ConfigException("ca-key: '" + string.apply("ca-key").get() + "' is not pem or pkcs11");
        }
        Path configFile = string.apply("pkcs11-config").map(CaKeyConfig::absolute).orElseThrow(() ->
                new ConfigException("ca-key: pkcs11 needs pkcs11-config, the SunPKCS11 configuration file naming "
                        + "the token's library and slot"));
        String rootLabel = label(string, "pkcs11-root-label", CaKeySettings.DEFAULT_ROOT_LABEL);
        String intermediateLabel = label(string, "pkcs11-intermediate-label", CaKeySettings.DEFAULT_INTERMEDIATE_LABEL);
        if (rootLabel.equals(intermediateLabel)) {
            throw new ConfigException("pkcs11-root-label and pkcs11-intermediate-label must differ, both are '"
                    + rootLabel + "'");
        }
        return new CaKeySettings.Pkcs11(configFile, string.apply("pkcs11-pin-file").map(CaKeyConfig::absolute),
                Optional.ofNullable(environment.get(CaKeySettings.Pkcs11.PIN_VARIABLE)).map(CaKeySettings.Secret::new),
                rootLabel, intermediateLabel);
    }

    /** Refuses the PIN as a key of the configuration file, saying where it goes instead. */
    static void refusePin(String key, Path file) {
        if (key.equals(PIN_KEY)) {
            throw new ConfigException(PIN_KEY + " in " + file + ": the PIN is not read from the configuration file; "
                    + "put it in a file of mode 0600 named by pkcs11-pin-file, or in "
                    + CaKeySettings.Pkcs11.PIN_VARIABLE);
        }
    }

    private static String label(Function<String, Optional<String>> string, String key, String fallback) {
        String label = string.apply(key).map(String::strip).orElse(fallback);
        if (label.isEmpty() || label.chars().anyMatch(c -> c < 0x20 || c > 0x7e)) {
            throw new ConfigException(key + ": '" + label + "' is not a label of printable ASCII characters");
        }
        return label;
    }

    private static Path absolute(String text) {
        return Path.of(text).toAbsolutePath().normalize();
    }
}
