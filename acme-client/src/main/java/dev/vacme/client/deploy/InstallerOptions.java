package dev.vacme.client.deploy;

import dev.vacme.client.store.InstallerSpec;
import java.nio.file.Path;

/**
 * The command-line options of one installer type: a picocli-annotated object (fields with
 * {@code @Option}) that vacme adds as a mixin to every command that installs ({@code run},
 * {@code install}, {@code renew}, {@code reconfigure}), and that turns what was given into the
 * installer's settings.
 */
public interface InstallerOptions {

    /** Returns true when any option of this installer was given on the command line. */
    boolean anyGiven();

    /**
     * Returns true when an option of this installer chooses it by itself, like certbot's
     * {@code --nginx} (the same as {@code -i nginx}).
     */
    default boolean choosesInstaller() {
        return false;
    }

    /**
     * Returns the installer's settings: the options given over the remembered ones. Relative paths
     * are resolved against {@code workingDir}, since renewals run from cron elsewhere.
     *
     * @param remembered this installer's remembered settings, or null when the lineage had none
     *                   (or another installer)
     * @param inputs     the lineage and the options every installer shares
     * @throws dev.vacme.client.UsageException when a required option is missing or invalid
     */
    InstallerSpec resolve(InstallerSpec remembered, Inputs inputs);

    /**
     * What every installer may need besides its own options.
     *
     * @param installer  the chosen installer's name (types sharing options tell themselves apart by it)
     * @param lineage    the lineage name (the keystores' default alias)
     * @param workingDir the directory relative paths are resolved against
     * @param httpsPort  {@code --https-port}, or null when not given (nginx and Apache add TLS
     *                   listeners on it)
     */
    record Inputs(String installer, String lineage, Path workingDir, Integer httpsPort) {
    }
}
