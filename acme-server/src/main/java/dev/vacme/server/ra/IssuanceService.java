package dev.vacme.server.ra;

import dev.vacme.common.jws.Base64Url;
import dev.vacme.common.model.FinalizeRequest;
import dev.vacme.common.model.OrderStatus;
import dev.vacme.common.pki.Csr;
import dev.vacme.common.problem.Problem;
import dev.vacme.common.problem.ProblemType;
import dev.vacme.server.AcmeProblemException;
import dev.vacme.server.audit.AuditEvent;
import dev.vacme.server.audit.AuditLog;
import dev.vacme.server.ca.CertificateAuthority;
import dev.vacme.server.ca.IssuanceRequest;
import dev.vacme.server.ca.IssuedCertificate;
import dev.vacme.server.ca.SerialNumbers;
import dev.vacme.server.store.Store;
import dev.vacme.server.store.StoredAccount;
import dev.vacme.server.store.StoredCertificate;
import dev.vacme.server.store.StoredOrder;
import io.vertx.core.Future;
import java.math.BigInteger;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finalization (RFC 8555 §7.4): checks the CSR, fences the ready order with a conditional move to
 * {@code processing} (in the store: from pending with every authorization valid) so that
 * concurrent requests issue one certificate, reserves a
 * serial, signs, and stores the certificate before the order is {@code valid}. Issuance is
 * synchronous: the response already carries the valid order, since many clients break on
 * {@code processing}.
 */
public final class IssuanceService {

    private static final Logger LOG = LoggerFactory.getLogger(IssuanceService.class);
    private static final int SERIAL_ATTEMPTS = 3;

    private final Store store;
    private final OrderService orders;
    private final CertificateAuthority ca;
    private final SerialNumbers serials;
    private final ProfilePolicy profiles;
    private final Clock clock;
    private final CaaRecheck caaRecheck;
    private final AuditLog audit;
    private final RateLimiter rateLimiter;

    /**
     * Creates the service; it reports each issued certificate to {@code audit} and counts it for
     * the certificate rate limits.
     */
    public IssuanceService(Store store, OrderService orders, CertificateAuthority ca, SerialNumbers serials,
            ProfilePolicy profiles, Clock clock, CaaRecheck caaRecheck, AuditLog audit, RateLimiter rateLimiter) {
        this.rateLimiter = rateLimiter;
        this.caaRecheck = caaRecheck;
        this.audit = audit;
        this.store = store;
        this.orders = orders;
        this.ca = ca;
        this.serials = serials;
        this.profiles = profiles;
        this.clock = clock;
    }

    /** Finalizes the account's order with the CSR and returns the order afterwards. */
    public Future<OrderSnapshot> finalizeOrder(StoredAccount account, String orderId, FinalizeRequest request) {
        return orders.get(account, orderId).compose(snapshot -> {
            requireReady(snapshot);
            Csr csr = CsrPolicy.check(decodeCsr(request), snapshot.order().identifiers(), account.keyThumbprint());
            ProfilePolicy.checkKey(profiles.of(snapshot.order().profile()), csr.publicKey());
            return caaRecheck.beforeIssuing(snapshot)
                    .compose(permitted -> admitIssuance(account, snapshot.order()))
                    .compose(admitted -> store.beginProcessing(orderId, clock.instant())).compose(won -> {
                if (!won) {
                    throw AcmeProblemException.of(ProblemType.ORDER_NOT_READY,
                            "the order is already being finalized");
                }
                return issue(snapshot.order(), csr).recover(error -> fail(orderId, error));
            });
        }).compose(ignored -> orders.get(account, orderId));
    }

    private static void requireReady(OrderSnapshot snapshot) {
        OrderStatus status = snapshot.status();
        if (status == OrderStatus.READY) {
            return;
        }
        String detail = switch (status) {
            case PENDING -> "the order is pending: complete its authorizations first";
            case PROCESSING -> "the order is already being finalized";
            case VALID -> "the order is already finalized; fetch its certificate";
            default -> "the order is " + status.wireName() + " and can no longer be finalized";
        };
        throw AcmeProblemException.of(ProblemType.ORDER_NOT_READY, detail);
    }

    private static byte[] decodeCsr(FinalizeRequest request) {
        if (request.csr() == null || request.csr().isEmpty()) {
            throw AcmeProblemException.of(ProblemType.MALFORMED, "the finalize request has no \"csr\"");
        }
        try {
            return Base64Url.decode(request.csr());
        } catch (IllegalArgumentException e) {
            throw AcmeProblemException.of(ProblemType.BAD_CSR, "\"csr\" is not unpadded base64url DER");
        }
    }

    private Future<Void> issue(StoredOrder order, Csr csr) {
        return reserveSerial(order.id(), SERIAL_ATTEMPTS).compose(serial -> {
            IssuanceRequest request = IssuanceRequest.at(clock.instant(), serial, csr.publicKey(),
                    order.identifiers(), profiles.of(order.profile()));
            return ca.issue(request).compose(issued -> {
                StoredCertificate certificate = record(order, request, issued);
                return store.completeOrder(order.id(), certificate).onSuccess(done -> audit.record(
                        new AuditEvent.CertificateIssued(order.accountId(), order.id(), certificate.serial(),
                                AuditNames.of(order.identifiers()), certificate.notAfter().toString())))
                        .mapEmpty();
            });
        });
    }

    /**
     * Counts the certificate for the certificate rate limits before the order moves to
     * processing, so that a refusal leaves the order ready to finalize once the window frees.
     */
    private Future<Void> admitIssuance(StoredAccount account, StoredOrder order) {
        return orders.renewsSameNames(order)
                .compose(renewal -> rateLimiter.admitIssuance(account, order.identifiers(), renewal));
    }

    private Future<BigInteger> reserveSerial(String orderId, int attempts) {
        BigInteger serial = serials.next();
        return store.reserveSerial(SerialNumbers.toHex(serial), orderId, clock.instant()).compose(reserved -> {
            if (reserved) {
                return Future.succeededFuture(serial);
            }
            if (attempts <= 1) {
                return Future.failedFuture(new IllegalStateException("no unused serial number after retries"));
            }
            return reserveSerial(orderId, attempts - 1);
        });
    }

    private StoredCertificate record(StoredOrder order, IssuanceRequest request, IssuedCertificate issued) {
        return new StoredCertificate(SerialNumbers.toHex(request.serial()), order.accountId(), order.id(),
                order.identifiers(), issued.chainPem(), issued.certificate().getNotBefore().toInstant(),
                issued.certificate().getNotAfter().toInstant(), clock.instant(), null, null, null, issued.issuerId());
    }

    private Future<Void> fail(String orderId, Throwable error) {
        LOG.error("issuance for order {} failed", orderId, error);
        Problem problem = error instanceof AcmeProblemException acme
                ? acme.problem()
                : Problem.of(ProblemType.SERVER_INTERNAL, "the certificate could not be issued; try a new order");
        return store.failOrder(orderId, problem).transform(ignored -> Future.failedFuture(error));
    }
}
