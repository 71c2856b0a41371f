package dev.vacme.client.renew;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a renew run did, lineage by lineage; the command prints it and derives the exit code.
 */
public final class RenewReport {

    /**
     * One lineage's outcome.
     *
     * @param name    the lineage
     * @param domains its names
     * @param outcome renewed, failed, not due, or skipped
     * @param detail  the reason, the error, or the new version
     * @param next    when it is next due (not-due lineages), or null
     */
    public record Entry(String name, List<String> domains, Outcome outcome, String detail, Instant next) {
    }

    /** What happened to a lineage. */
    public enum Outcome {
        RENEWED,
        SIMULATED,
        /** Not due, but a deployment that had failed was done again and succeeded. */
        DEPLOYED,
        FAILED,
        NOT_DUE
    }

    private final List<Entry> entries = new ArrayList<>();
    private final List<String> hookFailures = new ArrayList<>();
    private boolean lockBusy;
    private String lockFailure;
    private boolean networkUsed;

    void add(Entry entry) {
        entries.add(entry);
    }

    void hookFailed(String message) {
        hookFailures.add(message);
    }

    void lockBusy() {
        lockBusy = true;
    }

    void lockFailed(String message) {
        lockFailure = message;
    }

    void networkUsed() {
        networkUsed = true;
    }

    /** Returns every lineage's entry, in processing order. */
    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** Returns the entries with the given outcome. */
    public List<Entry> with(Outcome outcome) {
        return entries.stream().filter(e -> e.outcome() == outcome).toList();
    }

    /**
     * Returns the failures after a renewal: deployments, deploy hooks and post hooks (a lineage whose
     * deployment or deploy hook failed still renewed).
     */
    public List<String> hookFailures() {
        return List.copyOf(hookFailures);
    }

    /** Returns true when another run held the lock, so this one did nothing. */
    public boolean wasLockBusy() {
        return lockBusy;
    }

    /**
     * Returns why this run could not take the lock when that is a failure: the other run looks
     * stuck, or an explicit run waited for it in vain.
     */
    public Optional<String> lockFailure() {
        return Optional.ofNullable(lockFailure);
    }

    /** Returns true when the run contacted a server or had lineages to work on. */
    public boolean usedNetwork() {
        return networkUsed;
    }

    /** Returns true when any renewal or hook failed. */
    public boolean hasFailures() {
        return !with(Outcome.FAILED).isEmpty() || !hookFailures.isEmpty() || lockFailure != null;
    }
}
