package dev.vacme.client.cli;

import dev.vacme.client.UsageException;
import dev.vacme.client.store.ProfileChoice;
import picocli.CommandLine.Option;

/** The certificate profile options (draft-ietf-acme-profiles), named as certbot 4 names them. */
public final class ProfileOptions {

    @Option(names = "--required-profile", paramLabel = "NAME",
            description = "Ask for this certificate profile; fail when the server does not offer it (remembered)")
    String required;

    @Option(names = "--preferred-profile", paramLabel = "NAME",
            description = "Ask for this certificate profile when the server offers it, else take its default "
                    + "(remembered)")
    String preferred;

    /** Returns the profile choice: these options over the remembered one. */
    ProfileChoice resolve(ProfileChoice remembered) {
        if (required != null && preferred != null) {
            throw new UsageException("--required-profile and --preferred-profile contradict each other");
        }
        if (required != null) {
            return new ProfileChoice(required, true);
        }
        if (preferred != null) {
            return new ProfileChoice(preferred, false);
        }
        return remembered == null ? ProfileChoice.DEFAULT : remembered;
    }

    /** Whether either option was given. */
    boolean given() {
        return required != null || preferred != null;
    }
}
