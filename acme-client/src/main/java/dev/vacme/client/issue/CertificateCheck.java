package dev.vacme.client.issue;

import dev.vacme.client.acme.AcmeProtocolException;
import dev.vacme.common.model.Identifier;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks a downloaded certificate against what was ordered before anything is installed: its
 * public key must be the key of the CSR, and its names exactly the order's identifiers (RFC 8555
 * §7.4 requires the CA to issue for those). Installing anything else would put a certificate
 * that does not match its private key, or does not cover the site, into {@code live/}.
 */
public final class CertificateCheck {

    private CertificateCheck() {
    }

    /**
     * Verifies the certificate.
     *
     * @param leaf        the end-entity certificate as downloaded
     * @param key         the public key of the CSR
     * @param identifiers the identifiers of the order
     * @throws AcmeProtocolException when the certificate does not match
     */
    public static void verify(X509Certificate leaf, PublicKey key, Collection<Identifier> identifiers) {
        String serial = leaf.getSerialNumber().toString(16);
        if (!Arrays.equals(leaf.getPublicKey().getEncoded(), key.getEncoded())) {
            throw new AcmeProtocolException("the server's certificate " + serial + " is not for the key of the"
                    + " request; nothing was installed");
        }
        Set<Identifier> named = CertificateNames.of(leaf);
        Set<Identifier> ordered = CertificateNames.normalize(identifiers);
        if (!named.equals(ordered)) {
            throw new AcmeProtocolException("the server's certificate " + serial + " names " + describe(named)
                    + " instead of the ordered " + describe(ordered) + "; nothing was installed");
        }
    }

    private static String describe(Set<Identifier> identifiers) {
        return identifiers.isEmpty() ? "nothing" : identifiers.stream().map(Identifier::value).sorted()
                .collect(Collectors.joining(", "));
    }
}
