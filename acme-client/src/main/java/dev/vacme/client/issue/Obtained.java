package dev.vacme.client.issue;

import dev.vacme.client.store.CertificateFacts;
import dev.vacme.client.store.LineageFiles;
import dev.vacme.client.store.RenewalConf;

/**
 * A certificate obtained for a lineage.
 *
 * @param name   the lineage name
 * @param chain  the chain as downloaded
 * @param conf   the renewal configuration as now stored (unchanged on a dry run)
 * @param facts  facts about the new certificate
 * @param files  the live files, or null on a dry run
 * @param dryRun true when nothing was stored
 */
public record Obtained(String name, IssuedChain chain, RenewalConf conf, CertificateFacts facts, LineageFiles files,
        boolean dryRun) {
}
