package dev.vacme.server.ca;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * One intermediate CA of the hierarchy as stored under {@code <data-dir>/ca}.
 *
 * @param id             its {@link IssuerIds key id}
 * @param key            its certificate and signing key
 * @param created        when it was made; it may issue once the overlap after this has passed
 * @param crossSignatures further certificates for the same key and name, each issued by an
 *                       alternate root: the alternate chains of its end-entity certificates
 */
public record Intermediate(String id, SigningKeySource key, Instant created, List<X509Certificate> crossSignatures) {

    public Intermediate {
        crossSignatures = List.copyOf(crossSignatures);
    }

    /** The intermediate's certificate under the CA's own root. */
    public X509Certificate certificate() {
        return key.issuer();
    }
}
