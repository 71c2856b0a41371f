package dev.vacme.server.wfe;

import dev.vacme.common.model.RevocationRequest;
import dev.vacme.server.ra.CertificateService;
import dev.vacme.server.ra.RevocationService;
import dev.vacme.server.ra.RevocationService.Requester;
import dev.vacme.server.wfe.jws.VerifiedRequest;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/** Certificate download (RFC 8555 §7.4.2) and revocation (§7.6). */
final class CertificateResource {

    private final CertificateService certificates;
    private final RevocationService revocations;

    CertificateResource(CertificateService certificates, RevocationService revocations) {
        this.certificates = certificates;
        this.revocations = revocations;
    }

    /** POST-as-GET the certificate: the PEM chain, leaf first. */
    Future<Void> certificate(RoutingContext ctx, VerifiedRequest request) {
        request.requirePostAsGet();
        return certificates.get(ctx.pathParam("serial")).map(certificate -> {
            ctx.response().setStatusCode(200).putHeader("Content-Type", Responses.PEM_CHAIN).end(certificate.chainPem());
            return null;
        });
    }

    /** POST revokeCert, signed by the ordering account or with the certificate's key. */
    Future<Void> revoke(RoutingContext ctx, VerifiedRequest request) {
        Requester requester = request.signingAccount()
                .<Requester>map(Requester.ByAccount::new)
                .orElseGet(() -> new Requester.ByCertificateKey(request.keyThumbprint()));
        return revocations.revoke(requester, request.payload(RevocationRequest.class)).map(ignored -> {
            ctx.response().setStatusCode(200).end();
            return null;
        });
    }
}
