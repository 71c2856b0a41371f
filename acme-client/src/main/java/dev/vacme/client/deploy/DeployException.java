package dev.vacme.client.deploy;

import dev.vacme.client.VacmeException;

/**
 * A deployment step failed. The message is for the operator: what failed, with the tool's own
 * output or the fingerprints compared, in one place (no class names).
 */
public class DeployException extends VacmeException {

    /** The step of a deployment that failed. */
    public enum Step {
        /** Writing the target's files. */
        INSTALL("installing"),
        /** The target's configuration test. */
        CONFIG_TEST("the configuration test"),
        /** Making the running target use the new files. */
        RELOAD("the reload"),
        /** Checking, by TLS handshakes, what is served. */
        VERIFY("the served-certificate check");

        private final String label;

        Step(String label) {
            this.label = label;
        }

        /** Returns the step as the operator reads it ("the configuration test"). */
        public String label() {
            return label;
        }
    }

    private final Step step;

    /** Creates the exception for a failed step. */
    public DeployException(Step step, String message) {
        super(message);
        this.step = step;
    }

    /** Creates the exception for a failed step with its cause. */
    public DeployException(Step step, String message, Throwable cause) {
        super(message, cause);
        this.step = step;
    }

    /** Returns the step that failed. */
    public Step step() {
        return step;
    }
}
