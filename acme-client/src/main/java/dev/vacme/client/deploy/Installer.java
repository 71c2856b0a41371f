package dev.vacme.client.deploy;

import java.nio.file.Path;
import java.util.List;

/**
 * Puts a lineage's certificate onto one target (a web server, a keystore, a load balancer) and
 * makes it live. One instance serves one lineage with its settings; {@link InstallerType#create}
 * builds it. {@link Deployer} calls the methods in this order, and is the only caller:
 * <ol>
 *   <li>{@link #install}: change files so the target uses the deployment's certificate, each file
 *       handed to {@link Backup#protect} before it is first changed;</li>
 *   <li>{@link #configTest}: check the changed configuration with the target's own tool;</li>
 *   <li>{@link #reload}: make the running target use it;</li>
 *   <li>then the deployer checks, by TLS handshakes, that {@link #endpoints} serve the live
 *       certificate.</li>
 * </ol>
 * When any step fails, the deployer calls {@link #restore} and then {@link #reload} again, so the
 * target is back at its last good state; an installer therefore never restores on its own.
 * Implementations throw {@link DeployException} for every expected failure, with the tool's own
 * output in the message, and never leave a half-written file (write a temporary file, then move).
 */
public interface Installer {

    /**
     * Changes the target so that it uses the deployment's certificate. Idempotent: when the
     * target already uses it, nothing is written. Runs on every new version too, since the target
     * may hold copies (a keystore, a combined PEM) rather than paths into {@code live/NAME}.
     *
     * @param deployment the lineage version to install
     * @param backup     takes a copy of every file before its first change
     * @throws DeployException when the target cannot be changed (nothing needs undoing beyond
     *                         what {@code backup} holds)
     */
    void install(Deployment deployment, Backup backup);

    /**
     * Tests the target's configuration as it is now on disk ({@code nginx -t}, {@code apache2ctl -t});
     * does nothing for targets without one.
     *
     * @throws DeployException with {@link DeployException.Step#CONFIG_TEST} and the test's output
     */
    void configTest();

    /**
     * Makes the running target use what is on disk (reload, the HAProxy runtime API, a reload
     * command). Called after {@link #install} and again after {@link #restore}.
     *
     * @throws DeployException with {@link DeployException.Step#RELOAD}
     */
    void reload();

    /**
     * Returns where the installed certificate is served, as far as this installer knows (the
     * listeners of the server blocks it changed); may be empty. {@code --verify-served} adds to
     * these.
     */
    List<Endpoint> endpoints(Deployment deployment);

    /**
     * Describes what {@link #install} would change, changing nothing ({@code --dry-run}); where
     * the target has a configuration test, changes a copy below {@code scratch} and tests that.
     *
     * @param deployment the lineage version that would be installed
     * @param scratch    an empty directory for copies, deleted afterwards
     * @return one line per change ("set ssl_certificate in /etc/nginx/sites-enabled/a:12")
     * @throws DeployException when the test of the changed copy fails
     */
    List<String> preview(Deployment deployment, Path scratch);

    /**
     * Undoes {@link #install}: puts back every file the backup holds. Override only when the
     * target needs more than its files back.
     */
    default void restore(Backup backup) {
        backup.restore();
    }
}
