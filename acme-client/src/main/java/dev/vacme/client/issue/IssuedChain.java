package dev.vacme.client.issue;

import dev.vacme.client.ErrorText;
import dev.vacme.client.acme.AcmeProtocolException;
import dev.vacme.client.store.PemBundle;
import dev.vacme.common.pki.Pem;
import dev.vacme.common.pki.PkiException;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A certificate chain as the server delivered it (RFC 8555 §7.4.2), leaf first.
 *
 * @param certificates the leaf followed by its intermediates
 */
public record IssuedChain(List<X509Certificate> certificates) {

    public IssuedChain {
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("an empty chain");
        }
        certificates = List.copyOf(certificates);
    }

    /**
     * Parses a downloaded {@code application/pem-certificate-chain}.
     *
     * @throws AcmeProtocolException when it holds no valid certificate
     */
    public static IssuedChain parse(String pem) {
        try {
            return new IssuedChain(Pem.readCertificates(pem));
        } catch (PkiException e) {
            throw new AcmeProtocolException("the downloaded certificate chain is invalid: " + ErrorText.of(e), e);
        }
    }

    /** Returns the end-entity certificate. */
    public X509Certificate leaf() {
        return certificates.get(0);
    }

    /** Returns the certbot file set for this chain and a private key in PEM. */
    public PemBundle toPemBundle(String privateKeyPem) {
        return new PemBundle(
                Pem.encodeCertificate(leaf()),
                Pem.encodeCertificates(certificates.subList(1, certificates.size())),
                Pem.encodeCertificates(certificates),
                privateKeyPem);
    }
}
