package dev.vacme.client.renew;

import dev.vacme.client.issue.Obtained;
import dev.vacme.client.store.CertificateFacts;
import dev.vacme.client.store.RenewalConf;

/** Obtains the next certificate of one lineage; {@link LineageRenewer} is the real one. */
@FunctionalInterface
public interface Renewer {

    /**
     * Obtains a certificate for the lineage and, unless {@code dryRun}, installs it.
     *
     * @param name     the lineage
     * @param conf     how to obtain it
     * @param previous facts about the certificate being replaced, or null
     * @param dryRun   obtain but store nothing
     */
    Obtained renew(String name, RenewalConf conf, CertificateFacts previous, boolean dryRun);
}
