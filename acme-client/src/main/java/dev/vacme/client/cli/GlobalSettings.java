package dev.vacme.client.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The global options, resolved.
 *
 * @param configDir      the config directory
 * @param server         {@code --server}, if given
 * @param caBundle       {@code --ca-bundle}, if given
 * @param nonInteractive {@code -n}
 * @param quiet          {@code -q}
 * @param verbose        {@code -v}
 * @param json           {@code --json}
 */
public record GlobalSettings(Path configDir, Optional<URI> server, Optional<Path> caBundle, boolean nonInteractive,
        boolean quiet, boolean verbose, boolean json) {
}
