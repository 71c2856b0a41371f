package dev.vacme.server.ca;

import io.vertx.core.Future;
import java.security.cert.X509Certificate;

/**
 * The certificate authority role: holds the signing keys and signs end-entity certificates. It
 * neither checks policy nor talks to the store; the registration authority has done both before
 * it calls {@link #issue}.
 */
public interface CertificateAuthority {

    /** Signs a certificate; the signing runs off the event loop. */
    Future<IssuedCertificate> issue(IssuanceRequest request);

    /** Returns the certificate that signs new end-entity certificates (the active intermediate). */
    X509Certificate issuer();

    /**
     * Returns every intermediate that may still have live certificates, the active one included, as
     * they are now: the active one changes when an intermediate is rotated, so ask each time.
     */
    Issuers issuers();
}
