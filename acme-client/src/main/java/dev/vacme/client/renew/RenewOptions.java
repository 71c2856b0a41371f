package dev.vacme.client.renew;

import dev.vacme.client.store.HookSpec;
import dev.vacme.client.store.ProfileChoice;
import java.net.URI;

/**
 * The options of one {@code renew} run.
 *
 * @param certName      renew only this lineage, or null for all
 * @param force         renew even when not due
 * @param dryRun        obtain against the server but store nothing and run no deploy hook
 * @param randomSleep   wait a random delay before contacting the server (off on a terminal)
 * @param hooks         hooks given on the command line; they replace the remembered ones
 * @param server        an ACME server given on the command line, replacing the remembered one, or null
 * @param authenticator authenticator options given on the command line, applied over the remembered ones
 * @param profile       a certificate profile given on the command line, replacing the remembered one, or null
 */
public record RenewOptions(String certName, boolean force, boolean dryRun, boolean randomSleep, HookSpec hooks,
        URI server, AuthenticatorOverride authenticator, ProfileChoice profile) {

    public RenewOptions {
        authenticator = authenticator == null ? AuthenticatorOverride.NONE : authenticator;
    }

    /** Options that keep every lineage's remembered profile. */
    public RenewOptions(String certName, boolean force, boolean dryRun, boolean randomSleep, HookSpec hooks,
            URI server, AuthenticatorOverride authenticator) {
        this(certName, force, dryRun, randomSleep, hooks, server, authenticator, null);
    }
}
