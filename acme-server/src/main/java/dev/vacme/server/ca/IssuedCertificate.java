package dev.vacme.server.ca;

import java.security.cert.X509Certificate;

/**
 * A freshly signed certificate.
 *
 * @param certificate the end-entity certificate
 * @param chainPem    the PEM chain to serve (RFC 8555 §7.4.2): the certificate, then the intermediate
 * @param issuerId    the {@link IssuerIds key id} of the intermediate that signed it
 */
public record IssuedCertificate(X509Certificate certificate, String chainPem, String issuerId) {
}
