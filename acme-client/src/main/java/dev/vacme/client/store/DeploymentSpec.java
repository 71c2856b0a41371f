package dev.vacme.client.store;

import java.util.List;

/**
 * How a lineage is deployed after each new version, and whether a deployment is still owed.
 *
 * @param installer    the installer and its settings, or null when the lineage is only stored
 *                     (as {@code certonly} leaves it)
 * @param verifyServed {@code HOST:PORT} endpoints that must serve the live certificate after
 *                     deployment, in addition to those the installer knows of
 * @param pending      a failed deployment to retry, or null
 */
public record DeploymentSpec(InstallerSpec installer, List<String> verifyServed, PendingDeployment pending) {

    /** Not deployed anywhere, nothing pending. */
    public static final DeploymentSpec NONE = new DeploymentSpec(null, List.of(), null);

    public DeploymentSpec {
        verifyServed = verifyServed == null ? List.of() : List.copyOf(verifyServed);
    }

    /** Returns true when there is anything to install or check after a new version. */
    public boolean deploys() {
        return installer != null || !verifyServed.isEmpty();
    }

    /** Returns a copy with the given pending deployment, or none. */
    public DeploymentSpec withPending(PendingDeployment newPending) {
        return new DeploymentSpec(installer, verifyServed, newPending);
    }
}
