package dev.vacme.server.ca;

import dev.vacme.common.pki.Pem;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A {@link CertificateAuthority} signing in this process through the active issuer's
 * {@link SigningKeySource}.
 * Signing runs on worker threads of its own, so that slow blocking work elsewhere (e.g. system DNS
 * lookups) cannot hold up issuance.
 */
public final class LocalCertificateAuthority implements CertificateAuthority {

    private static final int SIGNING_THREADS = 2;

    private final WorkerExecutor signers;
    private final Supplier<Issuers> issuers;
    private final Optional<PkiUrls> pkiUrls;

    /** Creates the CA over fixed issuers; its certificates name no CRL or OCSP responder. */
    public LocalCertificateAuthority(Vertx vertx, Issuers issuers) {
        this(vertx, () -> issuers, Optional.empty());
    }

    /**
     * Creates the CA over issuers that change with time, e.g. {@link LiveIssuers}: each issuance
     * asks for the active one. With PKI URLs its certificates name where their status is published.
     */
    public LocalCertificateAuthority(Vertx vertx, Supplier<Issuers> issuers, Optional<PkiUrls> pkiUrls) {
        this.signers = vertx.createSharedWorkerExecutor("vacme-ca", SIGNING_THREADS);
        this.issuers = issuers;
        this.pkiUrls = pkiUrls;
    }

    @Override
    public Future<IssuedCertificate> issue(IssuanceRequest request) {
        SigningKeySource key = issuers.get().active();
        if (request.notAfter().isAfter(key.issuer().getNotAfter().toInstant())) {
            return Future.failedFuture(new IllegalStateException(
                    "the intermediate CA certificate expires before the requested notAfter"));
        }
        return signers.executeBlocking(() -> sign(request, key, pkiUrls), false);
    }

    private static IssuedCertificate sign(IssuanceRequest request, SigningKeySource key, Optional<PkiUrls> urls) {
        X509Certificate certificate = CertificateProfiles.endEntity(request, key, urls);
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(certificate);
        chain.addAll(key.chain());
        return new IssuedCertificate(certificate, Pem.encodeCertificates(chain), IssuerIds.of(key.issuer()));
    }

    @Override
    public X509Certificate issuer() {
        return issuers.get().active().issuer();
    }

    @Override
    public Issuers issuers() {
        return issuers.get();
    }
}
