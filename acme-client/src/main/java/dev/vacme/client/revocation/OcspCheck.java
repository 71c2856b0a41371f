package dev.vacme.client.revocation;

import dev.vacme.client.store.Revocation;
import java.io.IOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Asks one OCSP responder about one certificate (RFC 6960): a request for the certificate's
 * {@code CertID} carrying a random nonce (RFC 8954), sent by HTTP POST (Appendix A.1). The answer
 * counts only when
 * <ul>
 *   <li>its status is {@code successful} and it is a basic response (§4.2.1);</li>
 *   <li>it is signed by the issuer itself, or by a responder certificate that the issuer signed,
 *       that carries id-kp-OCSPSigning and is valid now (§4.2.2.2), and the responder ID names
 *       the certificate that signed;</li>
 *   <li>it echoes the nonce, when it carries one (a responder that pre-signs its answers sends
 *       none, which RFC 8954 §2.1 allows; freshness then rests on the times);</li>
 *   <li>it is fresh (§4.2.2.1): {@code thisUpdate} not in the future and {@code nextUpdate} not
 *       passed, each with {@link #SKEW} of tolerance; an answer without {@code nextUpdate} and
 *       without the nonce may be at most {@link #MAX_AGE_WITHOUT_NEXT_UPDATE} old;</li>
 *   <li>it has an answer for the certificate's CertID.</li>
 * </ul>
 * Anything else is an unknown status, saying which check failed.
 */
final class OcspCheck {

    /** Clock difference tolerated between vacme and the responder. */
    static final Duration SKEW = Duration.ofMinutes(5);
    /** How old an answer without nextUpdate and without the nonce may be. */
    static final Duration MAX_AGE_WITHOUT_NEXT_UPDATE = Duration.ofDays(1);
    /** OCSP answers are a few KB; a delegated responder's certificate included. */
    static final long MAX_BYTES = 64 * 1024;

    private static final String[] RESPONSE_STATUS = {"successful", "malformedRequest", "internalError", "tryLater",
        null, "sigRequired", "unauthorized"};

    private final RevocationHttp http;
    private final SecureRandom random;

    OcspCheck(RevocationHttp http, SecureRandom random) {
        this.http = http;
        this.random = random;
    }

    /** Asks {@code url} about {@code leaf}, issued by {@code issuer}, at {@code now}, within {@code timeout}. */
    RevocationStatus check(URI url, X509Certificate leaf, X509Certificate issuer, Instant now, Duration timeout) {
        try {
            CertificateID id = new CertificateID(sha1(), new JcaX509CertificateHolder(issuer), leaf.getSerialNumber());
            byte[] nonce = new byte[16];
            random.nextBytes(nonce);
            byte[] request = new OCSPReqBuilder().addRequest(id)
                    .setRequestExtensions(new Extensions(new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false,
                            new DEROctetString(nonce).getEncoded())))
                    .build().getEncoded();
            byte[] answer = http.postOcsp(url, request, timeout, MAX_BYTES);
            return judge(url, answer, id, nonce, issuer, now);
        } catch (RevocationHttp.FetchException e) {
            return RevocationStatus.unknown(e.getMessage());
        } catch (OCSPException | OperatorCreationException | CertificateException | IOException e) {
            return RevocationStatus.unknown("cannot build an OCSP request for " + url);
        }
    }

    private RevocationStatus judge(URI url, byte[] answer, CertificateID id, byte[] nonce, X509Certificate issuer,
            Instant now) {
        String from = "the OCSP responder " + url;
        BasicOCSPResp basic;
        try {
            OCSPResp response = new OCSPResp(answer);
            if (response.getStatus() != OCSPResp.SUCCESSFUL) {
                return RevocationStatus.unknown(from + " answered '" + statusName(response.getStatus()) + "'");
            }
            if (!(response.getResponseObject() instanceof BasicOCSPResp found)) {
                return RevocationStatus.unknown(from + " sent no basic OCSP response");
            }
            basic = found;
        } catch (IOException | OCSPException | RuntimeException e) {
            return RevocationStatus.unknown(from + " sent something that is not an OCSP response");
        }
        Optional<String> signatureProblem = signatureProblem(basic, issuer, now);
        if (signatureProblem.isPresent()) {
            return RevocationStatus.unknown(from + ": " + signatureProblem.get());
        }
        Extension echoed = basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
        if (echoed != null && !Arrays.equals(nonceOf(echoed), nonce)) {
            return RevocationStatus.unknown(from + " answered with another nonce than the request's (a replayed"
                    + " answer?)");
        }
        SingleResp single = Arrays.stream(basic.getResponses()).filter(r -> r.getCertID().equals(id)).findFirst()
                .orElse(null);
        if (single == null) {
            return RevocationStatus.unknown(from + " answered about another certificate");
        }
        Optional<String> stale = staleness(single, echoed != null, now);
        if (stale.isPresent()) {
            return RevocationStatus.unknown(from + ": " + stale.get());
        }
        CertificateStatus status = single.getCertStatus();
        if (status == CertificateStatus.GOOD) {
            return RevocationStatus.good("OCSP " + url);
        }
        if (status instanceof RevokedStatus revoked) {
            Integer reason = revoked.hasRevocationReason() ? revoked.getRevocationReason() : null;
            return RevocationStatus.revoked(new Revocation(revoked.getRevocationTime().toInstant(), reason,
                    "OCSP " + url));
        }
        if (status instanceof UnknownStatus) {
            return RevocationStatus.unknown(from + " does not know the certificate");
        }
        return RevocationStatus.unknown(from + " gave a status vacme does not know");
    }

    /** Checks who signed the answer (RFC 6960 §4.2.2.2) and the signature; returns the problem, if any. */
    private static Optional<String> signatureProblem(BasicOCSPResp basic, X509Certificate issuer, Instant now) {
        try {
            X509CertificateHolder issuerHolder = new JcaX509CertificateHolder(issuer);
            X509CertificateHolder signer = null;
            if (names(basic.getResponderId(), issuerHolder)) {
                signer = issuerHolder;
            } else {
                for (X509CertificateHolder candidate : basic.getCerts()) {
                    if (names(basic.getResponderId(), candidate)) {
                        Optional<String> delegation = delegationProblem(candidate, issuer, now);
                        if (delegation.isPresent()) {
                            return delegation;
                        }
                        signer = candidate;
                        break;
                    }
                }
            }
            if (signer == null) {
                return Optional.of("the answer is signed neither by the issuer nor by a responder certificate the"
                        + " issuer delegated to");
            }
            if (!basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(signer))) {
                return Optional.of("the answer's signature does not verify");
            }
            return Optional.empty();
        } catch (OCSPException | OperatorCreationException | CertificateException | RuntimeException e) {
            return Optional.of("the answer's signature cannot be verified");
        }
    }

    /** A delegated responder: issued (signed) by the issuer, id-kp-OCSPSigning, valid now. */
    private static Optional<String> delegationProblem(X509CertificateHolder candidate, X509Certificate issuer,
            Instant now) throws CertificateException {
        X509Certificate responder = new JcaX509CertificateConverter().getCertificate(candidate);
        try {
            responder.verify(issuer.getPublicKey());
        } catch (GeneralSecurityException e) {
            return Optional.of("the responder certificate " + responder.getSubjectX500Principal().getName()
                    + " is not issued by the certificate's issuer");
        }
        if (responder.getExtendedKeyUsage() == null
                || !responder.getExtendedKeyUsage().contains(KeyPurposeId.id_kp_OCSPSigning.getId())) {
            return Optional.of("the responder certificate " + responder.getSubjectX500Principal().getName()
                    + " is not authorized for OCSP signing (no id-kp-OCSPSigning)");
        }
        if (now.isBefore(responder.getNotBefore().toInstant()) || now.isAfter(responder.getNotAfter().toInstant())) {
            return Optional.of("the responder certificate " + responder.getSubjectX500Principal().getName()
                    + " is not valid now");
        }
        return Optional.empty();
    }

    private static Optional<String> staleness(SingleResp single, boolean nonceEchoed, Instant now) {
        Instant thisUpdate = single.getThisUpdate().toInstant();
        if (thisUpdate.isAfter(now.plus(SKEW))) {
            return Optional.of("the answer's thisUpdate " + thisUpdate + " lies in the future");
        }
        if (single.getNextUpdate() != null) {
            Instant nextUpdate = single.getNextUpdate().toInstant();
            if (now.minus(SKEW).isAfter(nextUpdate)) {
                return Optional.of("the answer is stale (its nextUpdate " + nextUpdate + " has passed)");
            }
        } else if (!nonceEchoed && thisUpdate.plus(MAX_AGE_WITHOUT_NEXT_UPDATE).isBefore(now)) {
            return Optional.of("the answer is stale (from " + thisUpdate + ", without nextUpdate or nonce)");
        }
        return Optional.empty();
    }

    private static boolean names(RespID responderId, X509CertificateHolder certificate) {
        try {
            return responderId.equals(new RespID(certificate.getSubject()))
                    || responderId.equals(new RespID(certificate.getSubjectPublicKeyInfo(), sha1()));
        } catch (OperatorCreationException | OCSPException e) {
            return false;
        }
    }

    private static byte[] nonceOf(Extension extension) {
        try {
            return ASN1OctetString.getInstance(extension.getParsedValue()).getOctets();
        } catch (IllegalArgumentException e) {
            // Some responders put the raw bytes in the extension value rather than an OCTET STRING.
            return extension.getExtnValue().getOctets();
        }
    }

    private static DigestCalculator sha1() throws OperatorCreationException {
        return new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1);
    }

    private static String statusName(int status) {
        return status >= 0 && status < RESPONSE_STATUS.length && RESPONSE_STATUS[status] != null
                ? RESPONSE_STATUS[status] : "status " + status;
    }
}
