package dev.vacme.client.revocation;

import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Asks a certificate's CA whether it is revoked, where the certificate itself says to ask: its
 * OCSP responders first (RFC 6960, see {@link OcspCheck}), then, when it names none or none gives a
 * verified answer, its CRL distribution points (RFC 5280, see {@link CrlCheck}). Nothing here
 * depends on which CA issued it. One check takes at most {@link #DEFAULT_BUDGET} in all, however
 * many URLs it tries. A certificate that names neither, an issuer that did not sign it, and every
 * failure give an unknown status, never good and never revoked.
 *
 * <p>BouncyCastle's OCSP and CRL classes are loaded only when a check runs, so commands that do not
 * check start as fast as before.
 */
public final class RevocationChecker {

    /** The most one certificate's check may take, all requests together. */
    public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(10);

    private final OcspCheck ocsp;
    private final CrlCheck crl;
    private final Clock clock;
    private final Duration budget;

    /**
     * Creates the checker.
     *
     * @param userAgent the HTTP {@code User-Agent}
     * @param budget    the most one certificate's check may take
     */
    public RevocationChecker(Clock clock, SecureRandom random, String userAgent, Duration budget) {
        RevocationHttp http = new RevocationHttp(userAgent);
        this.ocsp = new OcspCheck(http, random);
        this.crl = new CrlCheck(http);
        this.clock = clock;
        this.budget = budget;
    }

    /**
     * Checks {@code leaf}, issued by {@code issuer} (the first certificate of its chain).
     *
     * @return the verified status, or unknown with the reasons
     */
    public RevocationStatus check(X509Certificate leaf, X509Certificate issuer) {
        try {
            leaf.verify(issuer.getPublicKey());
        } catch (GeneralSecurityException e) {
            return RevocationStatus.unknown("the chain's first certificate (" + issuer.getSubjectX500Principal()
                    .getName() + ") did not issue the certificate, so no answer about it can be verified");
        }
        CertificateUrls urls;
        try {
            urls = CertificateUrls.of(leaf);
        } catch (IllegalArgumentException e) {
            return RevocationStatus.unknown(e.getMessage());
        }
        if (urls.ocsp().isEmpty() && urls.crls().isEmpty()) {
            return RevocationStatus.unknown("the certificate names no OCSP responder and no CRL");
        }
        Instant deadline = clock.instant().plus(budget);
        List<String> failures = new ArrayList<>();
        for (URI url : urls.ocsp()) {
            RevocationStatus status = ocsp.check(url, leaf, issuer, clock.instant(), left(deadline));
            if (status.state() != RevocationStatus.State.UNKNOWN) {
                return status;
            }
            failures.add(status.detail());
        }
        for (URI url : urls.crls()) {
            RevocationStatus status = crl.check(url, leaf, issuer, clock.instant(), left(deadline));
            if (status.state() != RevocationStatus.State.UNKNOWN) {
                return status;
            }
            failures.add(status.detail());
        }
        return RevocationStatus.unknown(String.join("; ", failures));
    }

    private Duration left(Instant deadline) {
        return Duration.between(clock.instant(), deadline);
    }
}
