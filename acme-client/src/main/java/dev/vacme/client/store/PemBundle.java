package dev.vacme.client.store;

import java.util.Objects;

/**
 * The four PEM files of one version of a lineage, certbot's set.
 *
 * @param cert      the leaf certificate
 * @param chain     the intermediates
 * @param fullchain leaf followed by intermediates, what most web servers want
 * @param privkey   the private key (PKCS#8)
 */
public record PemBundle(String cert, String chain, String fullchain, String privkey) {

    public PemBundle {
        Objects.requireNonNull(cert, "cert");
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(fullchain, "fullchain");
        Objects.requireNonNull(privkey, "privkey");
    }
}
