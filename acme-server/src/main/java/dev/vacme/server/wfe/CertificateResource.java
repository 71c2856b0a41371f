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
    private final Urls urls;

    CertificateResource(CertificateService certificates, RevocationService revocations, Urls urls) {
        this.certificates = certificates;
        this.revocations = revocations;
        this.urls = urls;
    }

    /**
     * POST-as-GET the certificate: the PEM chain, leaf first. The default chain is at the
     * certificate URL, alternate number N at {@code URL/N}; each answer links every other one
     * with {@code rel="alternate"} (RFC 8555 §7.4.2).
     */
    Future<Void> certificate(RoutingContext ctx, VerifiedRequest request) {
        request.requirePostAsGet();
        String serial = ctx.pathParam("serial");
        int wanted = chainNumber(ctx.pathParam("alternate"));
        return certificates.chains(serial, wanted).map(chains -> {
            for (int number = 0; number < chains.size(); number++) {
                if (number != wanted) {
                    Responses.link(ctx, chainUrl(serial, number), "alternate");
                }
            }
            ctx.response().setStatusCode(200).putHeader("Content-Type", Responses.PEM_CHAIN).end(chains.get(wanted));
            return null;
        });
    }

    private String chainUrl(String serial, int number) {
        return number == 0 ? urls.certificate(serial) : urls.certificate(serial) + "/" + number;
    }

    /** The chain a path asks for: 0 without a number, else 1, 2, ...; -1 (none) for anything else. */
    private static int chainNumber(String text) {
        if (text == null) {
            return 0;
        }
        return text.matches("[1-9][0-9]{0,2}") ? Integer.parseInt(text) : -1;
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
