package dev.vacme.client.cli;

import dev.vacme.client.revocation.RevocationStatus;
import dev.vacme.client.store.Revocation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code certificates --check-revocation} found, lineage by lineage: adds the outcome to each
 * listed entry, says each revoked certificate as an error and each unknown status as a warning
 * (so {@code -q} in cron still mails them), and picks the exit code.
 */
final class RevocationSummary {

    private int revoked;
    private int unknown;

    /** Adds the outcome of one lineage's check (empty: nothing was asked) to its entry. */
    void add(Output output, String name, Map<String, Object> entry, Optional<RevocationStatus> checked) {
        RevocationStatus.State state = checked.map(RevocationStatus::state).orElse(null);
        if (state == RevocationStatus.State.REVOKED && !Boolean.TRUE.equals(entry.get("revoked"))) {
            // Found, but not recorded (the lock was busy): the listing still says it.
            entry.put("valid", false);
            entry.put("revoked", true);
            entry.put("revocation", json(checked.get().revocation()));
        }
        if (Boolean.TRUE.equals(entry.get("revoked"))) {
            revoked++;
            entry.put("revocationStatus", "revoked");
            if (state == RevocationStatus.State.REVOKED) {
                output.error(name + ": the certificate is " + checked.get().revocation().describe()
                        + "; 'vacme renew' replaces it");
            }
            return;
        }
        if (state == null) {
            entry.put("revocationStatus", "not-checked");
            entry.put("revocationCheck", "not checked (the certificate has expired)");
            return;
        }
        RevocationStatus status = checked.get();
        entry.put("revocationCheck", status.describe());
        if (state == RevocationStatus.State.GOOD) {
            entry.put("revocationStatus", "good");
            entry.put("revocationSource", status.source());
        } else {
            unknown++;
            entry.put("revocationStatus", "unknown");
            entry.put("revocationDetail", status.detail());
            output.warn(name + ": " + status.describe());
        }
    }

    /**
     * Returns the exit code: {@link ExitCodes#REVOKED} when any listed certificate is revoked, else
     * {@link ExitCodes#FAILURE} when a lineage could not be read, else
     * {@link ExitCodes#REVOCATION_UNKNOWN} when any status could not be found out, else 0.
     */
    int exitCode(boolean broken) {
        if (revoked > 0) {
            return ExitCodes.REVOKED;
        }
        if (broken) {
            return ExitCodes.FAILURE;
        }
        return unknown > 0 ? ExitCodes.REVOCATION_UNKNOWN : ExitCodes.OK;
    }

    /** Returns a revocation as listed in JSON. */
    static Map<String, Object> json(Revocation revocation) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("revokedAt", revocation.revokedAt().toString());
        json.put("reason", revocation.reasonName());
        json.put("reasonCode", revocation.reason());
        json.put("source", revocation.source());
        return json;
    }
}
