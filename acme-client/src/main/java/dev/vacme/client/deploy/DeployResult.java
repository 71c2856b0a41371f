package dev.vacme.client.deploy;

import dev.vacme.client.deploy.ServedCertificateVerifier.Check;
import java.nio.file.Path;
import java.util.List;

/**
 * How one deployment ended.
 *
 * @param installer the installer's name, or null when only {@code --verify-served} was checked
 * @param changed   the files the installer changed (restored again when it failed)
 * @param checks    the served-certificate checks made
 * @param failure   what failed and what was done about it, or null on success
 */
public record DeployResult(String installer, List<Path> changed, List<Check> checks, String failure) {

    public DeployResult {
        changed = List.copyOf(changed);
        checks = List.copyOf(checks);
    }

    /** Returns true when the certificate was installed and every check saw it served. */
    public boolean succeeded() {
        return failure == null;
    }
}
