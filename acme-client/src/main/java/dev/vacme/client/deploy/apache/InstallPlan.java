package dev.vacme.client.deploy.apache;

import dev.vacme.client.deploy.Endpoint;
import java.util.List;

/**
 * What installing a certificate changes in the configuration, and where to check it is served.
 *
 * @param edits     the changes, empty when the configuration already points at the lineage
 * @param endpoints the TLS VirtualHosts that serve the certificate after the change
 */
record InstallPlan(ConfigEdits edits, List<Endpoint> endpoints) {

    InstallPlan {
        endpoints = List.copyOf(endpoints);
    }
}
