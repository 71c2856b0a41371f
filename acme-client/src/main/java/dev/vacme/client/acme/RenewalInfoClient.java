package dev.vacme.client.acme;

import dev.vacme.common.model.RenewalInfo;
import dev.vacme.common.pki.AriCertificateId;
import java.net.URI;

/** Fetches renewal information (RFC 9773 §4.1): an unauthenticated GET below {@code renewalInfo}. */
public final class RenewalInfoClient {

    private RenewalInfoClient() {
    }

    /**
     * Fetches the renewal information of a certificate.
     *
     * @param base the directory's renewalInfo URL
     * @return the information and the server's {@code Retry-After}, if it sent one
     * @throws AcmeException when the request fails
     */
    public static Polled<RenewalInfo> fetch(AcmeSession session, URI base, AriCertificateId id) {
        String prefix = base.toString().endsWith("/") ? base.toString() : base + "/";
        URI url = URI.create(prefix + id);
        AcmeResponse response = session.get(url);
        return new Polled<>(url, response.json(RenewalInfo.class), response.retryAfter(session.now()).orElse(null));
    }
}
