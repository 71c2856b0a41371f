package dev.vacme.server.ca;

/**
 * The URLs relying parties use to check a certificate's status, under the configured PKI base URL
 * ({@code --pki-url}): one CRL and one issuer certificate per intermediate, one OCSP responder.
 *
 * @param base the base URL without a trailing slash, e.g. {@code http://pki.example.com}
 */
public record PkiUrls(String base) {

    public PkiUrls {
        base = base.replaceAll("/+$", "");
    }

    /** The CRL distribution point of an issuer (RFC 5280 §4.2.1.13). */
    public String crl(String issuerId) {
        return base + "/crl/" + issuerId + ".crl";
    }

    /** The OCSP responder (RFC 6960, named in the authority information access of RFC 5280 §4.2.2.1). */
    public String ocsp() {
        return base + "/ocsp";
    }

    /** The issuer certificate in DER (caIssuers, RFC 5280 §4.2.2.1). */
    public String issuer(String issuerId) {
        return base + "/issuer/" + issuerId + ".der";
    }
}
