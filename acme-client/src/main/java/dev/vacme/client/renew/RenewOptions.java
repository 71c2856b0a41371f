package dev.vacme.client.renew;

import dev.vacme.client.store.HookSpec;
import dev.vacme.client.store.ProfileChoice;
import java.net.URI;
import java.time.Duration;

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
 * @param preferredChain the issuer whose chain to prefer, given on the command line, replacing the remembered
 *                      one, or null
 * @param lockWait      how long to wait for a lock held by another run; zero for a plain cron run,
 *                      which leaves the work to the other run instead
 * @param stuckAfter    how long another run may hold the lock before this run calls it stuck (an error)
 */
public record RenewOptions(String certName, boolean force, boolean dryRun, boolean randomSleep, HookSpec hooks,
        URI server, AuthenticatorOverride authenticator, ProfileChoice profile, String preferredChain,
        Duration lockWait, Duration stuckAfter) {

    /** How long another run may hold the lock before a plain run reports it as stuck, by default. */
    public static final Duration DEFAULT_STUCK_AFTER = Duration.ofHours(1);

    public RenewOptions {
        authenticator = authenticator == null ? AuthenticatorOverride.NONE : authenticator;
        lockWait = lockWait == null ? Duration.ZERO : lockWait;
        stuckAfter = stuckAfter == null ? DEFAULT_STUCK_AFTER : stuckAfter;
    }

    /**
     * Options that keep every lineage's remembered profile, of a run that leaves the work to another
     * run holding the lock, with the default stuck bound.
     */
    public RenewOptions(String certName, boolean force, boolean dryRun, boolean randomSleep, HookSpec hooks,
            URI server, AuthenticatorOverride authenticator) {
        this(certName, force, dryRun, randomSleep, hooks, server, authenticator, null, null, Duration.ZERO,
                DEFAULT_STUCK_AFTER);
    }

    /** Options that keep every lineage's remembered profile, with the given lock behaviour. */
    public RenewOptions(String certName, boolean force, boolean dryRun, boolean randomSleep, HookSpec hooks,
            URI server, AuthenticatorOverride authenticator, Duration lockWait, Duration stuckAfter) {
        this(certName, force, dryRun, randomSleep, hooks, server, authenticator, null, null, lockWait, stuckAfter);
    }
}
