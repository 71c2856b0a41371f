package dev.vacme.server.config;

import dev.vacme.server.ca.CaKeySettings;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The command-line options saying where the CA's private keys live ({@code --ca-key} and the
 * PKCS#11 token's settings), shared by the server and the {@code vacme-server ca} commands so
 * that both name and read them alike. The PIN itself is never an option.
 */
public final class CaKeyOptions {

    @Option(names = "--ca-key", paramLabel = "pem|pkcs11",
            description = "Where the CA's private keys live: PEM files in DATA-DIR/ca, or a PKCS#11 token (an HSM, "
                    + "SoftHSM2) with only the certificates in DATA-DIR/ca (default: pem)")
    private String caKey;

    @Option(names = "--pkcs11-config", paramLabel = "FILE",
            description = "SunPKCS11 configuration file naming the token's library and slot (with --ca-key pkcs11)")
    private String pkcs11Config;

    @Option(names = "--pkcs11-pin-file", paramLabel = "FILE",
            description = "File (mode 0600 or 0400) holding the token's user PIN; or set VACME_PKCS11_PIN. There is "
                    + "no option for the PIN itself: other users can read a command line")
    private String pkcs11PinFile;

    @Option(names = "--pkcs11-root-label", paramLabel = "LABEL",
            description = "Label of the root CA's key on the token (default: vacme-root)")
    private String pkcs11RootLabel;

    @Option(names = "--pkcs11-intermediate-label", paramLabel = "LABEL",
            description = "Label of the first intermediate CA's key on the token; rotated ones are LABEL-ID "
                    + "(default: vacme-intermediate)")
    private String pkcs11IntermediateLabel;

    /** Accepted only to be refused with a reason: a PIN in argv is visible to every local user. */
    @Option(names = "--pkcs11-pin", hidden = true, arity = "0..1", fallbackValue = "")
    private String refusedPin;

    /** Why the command line is refused, when it tried to give the PIN itself. */
    public Optional<String> refusal() {
        return refusedPin == null ? Optional.empty() : Optional.of("--pkcs11-pin is not accepted: every local user "
                + "can read a command line (ps, /proc); put the PIN in a file of mode 0600 given with "
                + "--pkcs11-pin-file, or in " + CaKeySettings.Pkcs11.PIN_VARIABLE);
    }

    /** Adds the given options to the configuration values, under their YAML keys. */
    public void putInto(Map<String, Object> values) {
        values.put("ca-key", caKey);
        values.put("pkcs11-config", pkcs11Config);
        values.put("pkcs11-pin-file", pkcs11PinFile);
        values.put("pkcs11-root-label", pkcs11RootLabel);
        values.put("pkcs11-intermediate-label", pkcs11IntermediateLabel);
    }
}
