package dev.vacme.server.ra;

import dev.vacme.common.model.Identifier;
import dev.vacme.common.model.OrderStatus;
import dev.vacme.common.model.RenewalInfo;
import dev.vacme.common.pki.AriCertificateId;
import dev.vacme.common.pki.PkiException;
import dev.vacme.common.problem.ProblemType;
import dev.vacme.server.AcmeProblemException;
import dev.vacme.server.ca.Issuers;
import dev.vacme.server.ca.SerialNumbers;
import dev.vacme.server.store.Replacement;
import dev.vacme.server.store.Store;
import dev.vacme.server.store.StoredAccount;
import dev.vacme.server.store.StoredCertificate;
import dev.vacme.server.store.StoredOrder;
import io.vertx.core.Future;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

/**
 * ACME Renewal Information (RFC 9773): the suggested renewal window of a certificate, and the
 * checks on an order's {@code replaces} field (§5).
 *
 * <p>The window opens when a third of the lifetime is left and closes when a sixth is left, so
 * a client renewing at a random point in it still has a sixth of the lifetime as margin. A
 * revoked certificate gets a window that has already passed, which tells clients to renew now.
 */
public final class RenewalInfoService {

    private final Store store;
    private final Supplier<Issuers> issuers;
    private final Duration retryAfter;
    private final Clock clock;

    /**
     * A renewal window and how long the client should wait before asking again.
     *
     * @param info       the RenewalInfo object
     * @param retryAfter the Retry-After to send (RFC 9773 §4.3)
     */
    public record Suggestion(RenewalInfo info, Duration retryAfter) {
    }

    /**
     * Creates the service for certificates signed by any of the CA's issuers: a certificate of an
     * intermediate that no longer issues still gets its window until it expires.
     *
     * @param issuers the issuers as they are at each request
     */
    public RenewalInfoService(Store store, Supplier<Issuers> issuers, RaSettings settings, Clock clock) {
        this.store = store;
        this.issuers = issuers;
        this.retryAfter = settings.renewalInfoRetryAfter();
        this.clock = clock;
    }

    /** Returns the suggested window for the certificate with the given ARI identifier (RFC 9773 §4.1). */
    public Future<Suggestion> suggest(String certificateId) {
        return findIssued(certificateId, () -> NotFound.of("certificate")).map(certificate -> {
            Instant start;
            Instant end;
            if (certificate.isRevoked()) {
                Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
                start = now.minus(Duration.ofHours(2));
                end = now.minus(Duration.ofHours(1));
            } else {
                Duration lifetime = Duration.between(certificate.notBefore(), certificate.notAfter());
                start = certificate.notAfter().minus(lifetime.dividedBy(3));
                end = certificate.notAfter().minus(lifetime.dividedBy(6));
            }
            return new Suggestion(new RenewalInfo(new RenewalInfo.SuggestedWindow(start, end), null), retryAfter);
        });
    }

    /**
     * Checks a newOrder {@code replaces} value (RFC 9773 §5): a certificate of this CA, owned by the
     * account, sharing an identifier with the order, and not already replaced by a live order.
     *
     * @return the compare-and-set claim the store makes together with the new order, and whether
     *         the order renews the certificate's exact names
     */
    Future<Claim> claimReplacement(StoredAccount account, String certificateId, List<Identifier> identifiers) {
        return findIssued(certificateId, () -> AcmeProblemException.of(ProblemType.MALFORMED,
                "\"replaces\" names a certificate this CA did not issue"))
                .compose(certificate -> claim(account, certificate, identifiers, certificateId)
                        .map(replacement -> new Claim(replacement, certificate.revokedAt() == null
                                && Set.copyOf(certificate.identifiers()).equals(Set.copyOf(identifiers)))));
    }

    /**
     * Returns whether a stored order renews the exact names of the unrevoked certificate it
     * replaces: a renewal, exempt from {@code certificates-per-domain} at finalize as at newOrder.
     */
    Future<Boolean> renewsSameNames(StoredOrder order) {
        if (order.replaces() == null) {
            return Future.succeededFuture(false);
        }
        return findIssued(order.replaces(), () -> NotFound.of("certificate"))
                .map(certificate -> certificate.revokedAt() == null
                        && Set.copyOf(certificate.identifiers()).equals(Set.copyOf(order.identifiers())))
                .otherwise(false);
    }

    /**
     * A checked {@code replaces} claim.
     *
     * @param replacement    what the store records with the order
     * @param renewsSameNames true when the replaced certificate is unrevoked and names exactly the
     *                        order's identifiers: a renewal, exempt from {@code certificates-per-domain}
     */
    record Claim(Replacement replacement, boolean renewsSameNames) {
    }

    private Future<Replacement> claim(StoredAccount account, StoredCertificate certificate,
            List<Identifier> identifiers, String certificateId) {
        if (!certificate.accountId().equals(account.id())) {
            throw AcmeProblemException.of(ProblemType.MALFORMED, "\"replaces\" names a certificate of another account");
        }
        if (certificate.identifiers().stream().noneMatch(identifiers::contains)) {
            throw AcmeProblemException.of(ProblemType.MALFORMED,
                    "\"replaces\" names a certificate that shares no identifier with this order");
        }
        String current = certificate.replacedByOrderId();
        if (current == null) {
            return Future.succeededFuture(new Replacement(certificate.serial(), null));
        }
        return isLive(current).map(live -> {
            if (live) {
                throw AcmeProblemException.of(ProblemType.ALREADY_REPLACED,
                        "certificate " + certificateId + " is already replaced by another order");
            }
            return new Replacement(certificate.serial(), current);
        });
    }

    /**
     * A replacement order blocks another while it is not invalid (RFC 9773 §5), judged by the
     * status a client sees: an order whose authorization failed is invalid although it is stored
     * as pending.
     */
    private Future<Boolean> isLive(String orderId) {
        return store.findOrder(orderId).compose(found -> {
            if (found.isEmpty()) {
                return Future.succeededFuture(false);
            }
            StoredOrder order = found.get();
            return store.findAuthorizations(order.authorizationIds()).map(authorizations -> StatusRules
                    .orderWithAuthorizations(order, authorizations, clock.instant()).status() != OrderStatus.INVALID);
        });
    }

    private Future<StoredCertificate> findIssued(String certificateId,
            java.util.function.Supplier<AcmeProblemException> missing) {
        AriCertificateId id;
        try {
            id = AriCertificateId.parse(certificateId);
        } catch (PkiException e) {
            return Future.failedFuture(AcmeProblemException.of(ProblemType.MALFORMED,
                    "\"" + certificateId + "\" is not a certificate identifier: " + e.getMessage()));
        }
        if (!isOurIssuer(id.keyIdentifier()) || id.serial().signum() <= 0) {
            return Future.failedFuture(missing.get());
        }
        return store.findCertificate(SerialNumbers.toHex(id.serial()))
                .map(found -> found.orElseThrow(missing::get));
    }

    /** True when the key identifier (the certificate's AKI, RFC 9773 §4.1) names one of the CA's issuers. */
    private boolean isOurIssuer(byte[] keyIdentifier) {
        return issuers.get().all().stream()
                .anyMatch(issuer -> Arrays.equals(keyIdentifier, subjectKeyIdentifier(issuer.issuer())));
    }

    private static byte[] subjectKeyIdentifier(X509Certificate issuer) {
        byte[] extension = issuer.getExtensionValue("2.5.29.14");
        if (extension == null) {
            throw new IllegalArgumentException("the issuer certificate has no subject key identifier");
        }
        try {
            return SubjectKeyIdentifier.getInstance(JcaX509ExtensionUtils.parseExtensionValue(extension))
                    .getKeyIdentifier();
        } catch (IOException e) {
            throw new IllegalArgumentException("the issuer's subject key identifier is corrupt", e);
        }
    }
}
