package dev.vacme.server.ra;

import dev.vacme.common.jws.Base64Url;
import dev.vacme.common.jws.Jwks;
import dev.vacme.common.model.RevocationRequest;
import dev.vacme.common.pki.Pem;
import dev.vacme.common.pki.PkiException;
import dev.vacme.common.problem.ProblemType;
import dev.vacme.server.AcmeProblemException;
import dev.vacme.server.audit.AuditEvent;
import dev.vacme.server.audit.AuditLog;
import dev.vacme.server.ca.SerialNumbers;
import dev.vacme.server.store.CertificateQuery;
import dev.vacme.server.store.Store;
import dev.vacme.server.store.StoredAccount;
import dev.vacme.server.store.StoredCertificate;
import io.vertx.core.Future;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Certificate revocation (RFC 8555 §7.6), requested by the account that ordered the certificate,
 * by an account that holds valid authorizations for every identifier in it, or signed with the
 * certificate's own key.
 */
public final class RevocationService {

    /** Reason codes subscribers may give (RFC 5280 §5.3.1): unspecified, keyCompromise, affiliationChanged, superseded, cessationOfOperation. */
    private static final Set<Integer> ALLOWED_REASONS = Set.of(0, 1, 3, 4, 5);
    /** The operator may also say privilegeWithdrawn (9), e.g. for a subscriber who broke the rules. */
    private static final Set<Integer> OPERATOR_REASONS = Set.of(0, 1, 3, 4, 5, 9);

    /** The reason code cessationOfOperation (RFC 5280 §5.3.1). */
    public static final int CESSATION_OF_OPERATION = 5;

    private final Store store;
    private final Clock clock;
    private final AuditLog audit;
    private final Runnable afterRevocation;

    /** Creates the service; it reports each revocation, with who asked, to {@code audit}. */
    public RevocationService(Store store, Clock clock, AuditLog audit) {
        this(store, clock, audit, () -> { });
    }

    /**
     * Creates the service; after each revocation it also runs {@code afterRevocation}, e.g. to
     * publish a new CRL at once rather than at the next periodic check.
     */
    public RevocationService(Store store, Clock clock, AuditLog audit, Runnable afterRevocation) {
        this.audit = audit;
        this.store = store;
        this.clock = clock;
        this.afterRevocation = afterRevocation;
    }

    /** Who asks for the revocation: an account ({@code kid}) or the certificate key ({@code jwk}). */
    public sealed interface Requester {
        /** Signed by an account's key. */
        record ByAccount(StoredAccount account) implements Requester {
        }

        /** Signed by a key given in the JWS, which must be the certificate's key. */
        record ByCertificateKey(String keyThumbprint) implements Requester {
        }

        /** The CA's operator ({@code vacme-server admin revoke}), who may revoke any certificate. */
        record ByOperator() implements Requester {
        }
    }

    /** Revokes the certificate in the request. */
    public Future<Void> revoke(Requester requester, RevocationRequest request) {
        int reason = request.reason() == null ? 0 : request.reason();
        boolean operator = requester instanceof Requester.ByOperator;
        if (!(operator ? OPERATOR_REASONS : ALLOWED_REASONS).contains(reason)) {
            return Future.failedFuture(AcmeProblemException.of(ProblemType.BAD_REVOCATION_REASON,
                    "reason code " + reason + " is not accepted; use 0 (unspecified), 1 (keyCompromise), "
                            + "3 (affiliationChanged), 4 (superseded)" + (operator ? ", 5 (cessationOfOperation) "
                            + "or 9 (privilegeWithdrawn)" : " or 5 (cessationOfOperation)")));
        }
        X509Certificate certificate = parse(request.certificate());
        String serial = SerialNumbers.toHex(certificate.getSerialNumber());
        return store.findCertificate(serial).compose(found -> {
            StoredCertificate stored = found.filter(s -> sameCertificate(s, certificate))
                    .orElseThrow(() -> NotFound.of("certificate issued by this CA"));
            return authorize(requester, stored, certificate).compose(ignored -> {
                if (stored.isRevoked()) {
                    throw alreadyRevoked();
                }
                return store.revokeCertificate(serial, reason, clock.instant());
            });
        }).map(revoked -> {
            if (!revoked) {
                throw alreadyRevoked();
            }
            recordRevocation(serial, reason, requester);
            return null;
        });
    }

    /**
     * Revokes, with reason cessationOfOperation (RFC 5280 §5.3.1), every certificate the account
     * ordered that is unexpired and not yet revoked: the account deactivation policy
     * ({@code revoke-on-account-deactivation}). Each certificate is revoked on its own, through the
     * same audit record and CRL trigger as any other revocation, so one that fails does not keep
     * the others; one revoked meanwhile by someone else counts as done.
     *
     * @return the serials that could not be revoked, empty when all were
     */
    public Future<List<String>> revokeAllOf(StoredAccount account) {
        Requester requester = new Requester.ByAccount(account);
        Instant now = clock.instant();
        return store.listCertificates(CertificateQuery.unexpiredOf(account.id(), now)).compose(certificates -> {
            List<Future<String>> outcomes = certificates.stream().filter(c -> !c.isRevoked())
                    .map(c -> store.revokeCertificate(c.serial(), CESSATION_OF_OPERATION, now)
                            .map(revoked -> {
                                if (revoked) {
                                    recordRevocation(c.serial(), CESSATION_OF_OPERATION, requester);
                                }
                                return (String) null;
                            })
                            .recover(failure -> Future.succeededFuture(c.serial())))
                    .toList();
            return Future.all(outcomes).map(all -> outcomes.stream().map(Future::result)
                    .filter(Objects::nonNull).toList());
        });
    }

    private void recordRevocation(String serial, int reason, Requester requester) {
        audit.record(new AuditEvent.CertificateRevoked(serial, reason,
                requester instanceof Requester.ByAccount by ? by.account().id() : null,
                requester instanceof Requester.ByCertificateKey by ? by.keyThumbprint() : null,
                requester instanceof Requester.ByOperator ? Boolean.TRUE : null));
        afterRevocation.run();
    }

    private Future<Void> authorize(Requester requester, StoredCertificate stored, X509Certificate certificate) {
        if (requester instanceof Requester.ByOperator) {
            return Future.succeededFuture();
        }
        if (requester instanceof Requester.ByAccount byAccount) {
            String accountId = byAccount.account().id();
            if (accountId.equals(stored.accountId())) {
                return Future.succeededFuture();
            }
            return store.findValidAuthorizations(accountId, stored.identifiers(), false, clock.instant())
                    .map(authorizations -> {
                        long covered = authorizations.stream().map(a -> a.identifier()).distinct().count();
                        if (covered < stored.identifiers().size()) {
                            throw AcmeProblemException.of(ProblemType.UNAUTHORIZED, "this account neither ordered "
                                    + "the certificate nor holds valid authorizations for all its identifiers; "
                                    + "sign with the certificate's key instead");
                        }
                        return null;
                    });
        }
        if (requester instanceof Requester.ByCertificateKey byKey
                && !Jwks.thumbprint(certificate.getPublicKey()).equals(byKey.keyThumbprint())) {
            return Future.failedFuture(AcmeProblemException.of(ProblemType.UNAUTHORIZED,
                    "the request is not signed with the certificate's key"));
        }
        return Future.succeededFuture();
    }

    private static X509Certificate parse(String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            throw AcmeProblemException.of(ProblemType.MALFORMED, "the revocation request has no \"certificate\"");
        }
        try {
            return Pem.readCertificateDer(Base64Url.decode(encoded));
        } catch (IllegalArgumentException e) {
            throw AcmeProblemException.of(ProblemType.MALFORMED,
                    "\"certificate\" is not a base64url DER certificate");
        }
    }

    private static boolean sameCertificate(StoredCertificate stored, X509Certificate certificate) {
        try {
            X509Certificate leaf = Pem.readCertificate(stored.chainPem());
            return Arrays.equals(leaf.getEncoded(), certificate.getEncoded());
        } catch (CertificateEncodingException | PkiException e) {
            return false;
        }
    }

    private static AcmeProblemException alreadyRevoked() {
        return AcmeProblemException.of(ProblemType.ALREADY_REVOKED, "the certificate is already revoked");
    }
}
