package dev.vacme.client.deploy.apache;

import java.nio.file.Path;
import java.util.List;

/**
 * The certificate to install: a lineage's names and its {@code live/} files, which always hold
 * the current version, so the configuration keeps pointing at them across renewals.
 *
 * @param lineage   the lineage name, used in the names of files vacme adds
 * @param names     the certificate's names, {@code *.example.com} allowed
 * @param fullchain {@code live/NAME/fullchain.pem}: leaf and chain (httpd 2.4.8 and later read both)
 * @param privkey   {@code live/NAME/privkey.pem}
 */
record CertificateTarget(String lineage, List<String> names, Path fullchain, Path privkey) {

    CertificateTarget {
        names = List.copyOf(names);
    }
}
