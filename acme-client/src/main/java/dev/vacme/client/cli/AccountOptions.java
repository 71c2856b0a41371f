package dev.vacme.client.cli;

import dev.vacme.client.ErrorText;
import dev.vacme.client.UsageException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import picocli.CommandLine.Option;

/** The options that create an account, shared by {@code register} and {@code certonly}. */
public final class AccountOptions {

    @Option(names = {"-m", "--email"}, paramLabel = "EMAIL",
            description = "Contact email address for the account (comma-separated for several)")
    String email;

    @Option(names = "--agree-tos", description = "Agree to the ACME server's terms of service")
    boolean agreeTos;

    @Option(names = "--register-unsafely-without-email",
            description = "Register without a contact address; you will not hear about problems with your account")
    boolean withoutEmail;

    /** certbot's consent to share the email with the EFF; vacme shares it with nobody. */
    @Option(names = {"--no-eff-email", "--eff-email"}, hidden = true)
    boolean effEmail;

    @Option(names = "--eab-kid", paramLabel = "KID", description = "External account binding key identifier")
    String eabKid;

    @Option(names = "--eab-hmac-key", paramLabel = "KEY",
            description = "External account binding MAC key, base64url as the CA handed it out")
    String eabHmacKey;

    /** Returns the contact URIs of {@code -m}. */
    List<String> contacts() {
        List<String> contacts = new ArrayList<>();
        if (email != null) {
            for (String address : email.split(",")) {
                String trimmed = address.strip();
                if (!trimmed.isEmpty()) {
                    contacts.add(trimmed.startsWith("mailto:") ? trimmed : "mailto:" + trimmed);
                }
            }
        }
        return contacts;
    }

    /** Returns the decoded MAC key, or null without EAB. */
    byte[] eabMacKey() {
        if ((eabKid == null) != (eabHmacKey == null)) {
            throw new UsageException("--eab-kid and --eab-hmac-key go together");
        }
        if (eabHmacKey == null) {
            return null;
        }
        try {
            String unpadded = eabHmacKey.strip().replace("=", "");
            return Base64.getUrlDecoder().decode(unpadded.replace('+', '-').replace('/', '_'));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--eab-hmac-key is not base64url: " + ErrorText.of(e));
        }
    }
}
