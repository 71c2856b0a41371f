package dev.vacme.client.acme;

import dev.vacme.common.model.Directory;
import dev.vacme.common.model.RenewalInfo;
import dev.vacme.common.pki.AriCertificateId;
import java.net.URI;
import java.util.Optional;

/** Fetches renewal information (RFC 9773 §4.1): an unauthenticated GET below {@code renewalInfo}. */
public final class RenewalInfoClient {

    private RenewalInfoClient() {
    }

    /** Returns the renewalInfo base URL when the server advertises ARI in its directory (§3). */
    public static Optional<URI> baseUrl(Directory directory) {
        return Optional.ofNullable(directory.renewalInfo());
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
