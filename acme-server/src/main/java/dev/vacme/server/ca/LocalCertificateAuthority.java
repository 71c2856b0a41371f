package dev.vacme.server.ca;

import dev.vacme.common.pki.Pem;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A {@link CertificateAuthority} whose keys are in this process. Signing runs on worker threads of
 * its own, so that slow blocking work elsewhere (e.g. system DNS lookups) cannot hold up issuance.
 */
public final class LocalCertificateAuthority implements CertificateAuthority {

    private static final int SIGNING_THREADS = 2;

    private final WorkerExecutor signers;
    private final CaKeys keys;
    private final IssuerSigner signer;

    /** Creates the CA over loaded key material. */
    public LocalCertificateAuthority(Vertx vertx, CaKeys keys) {
        this.signers = vertx.createSharedWorkerExecutor("vacme-ca", SIGNING_THREADS);
        this.keys = keys;
        this.signer = IssuerSigner.of(keys.intermediateKeys());
    }

    @Override
    public Future<IssuedCertificate> issue(IssuanceRequest request) {
        if (request.notAfter().isAfter(keys.intermediate().getNotAfter().toInstant())) {
            return Future.failedFuture(new IllegalStateException(
                    "the intermediate CA certificate expires before the requested notAfter"));
        }
        return signers.executeBlocking(() -> sign(request), false);
    }

    private IssuedCertificate sign(IssuanceRequest request) {
        X509Certificate certificate = CertificateProfiles.endEntity(request, keys.intermediate(), signer);
        return new IssuedCertificate(certificate, Pem.encodeCertificates(List.of(certificate, keys.intermediate())));
    }

    @Override
    public X509Certificate issuer() {
        return keys.intermediate();
    }
}
