package dev.vacme.server.ca;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.ResponderID;
import org.bouncycastle.asn1.ocsp.RevokedInfo;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;

/**
 * Builds OCSP responses (RFC 6960 §4.2): signed basic responses from the issuing intermediate
 * itself (no delegated responder, so no certificates are included), its key hash as responder id,
 * and the unsigned error responses of §2.3. Signing is blocking: call {@link #signed} on a worker.
 */
public final class OcspResponses {

    private OcspResponses() {
    }

    /**
     * One answer in a response.
     *
     * @param id         the CertID exactly as the request gave it
     * @param status     the certificate's status
     * @param thisUpdate when the status was known to be correct
     * @param nextUpdate when newer information will be available
     */
    public record Answer(CertificateID id, OcspStatus status, Instant thisUpdate, Instant nextUpdate) {
    }

    /**
     * Builds and signs a successful response.
     *
     * @param nonce the request's nonce extension value to echo (RFC 8954), if any
     * @return the OCSPResponse, DER encoded
     */
    public static byte[] signed(SigningKeySource issuer, List<Answer> answers, Instant producedAt,
            Optional<byte[]> nonce) {
        BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(
                new RespID(new ResponderID(new DEROctetString(IssuerIds.keyHash(issuer.issuer())))));
        for (Answer answer : answers) {
            builder.addResponse(answer.id(), certificateStatus(answer.status()), seconds(answer.thisUpdate()),
                    seconds(answer.nextUpdate()), null);
        }
        nonce.ifPresent(value -> builder.setResponseExtensions(new Extensions(
                new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false, new DEROctetString(value)))));
        try {
            BasicOCSPResp basic = builder.build(issuer.signer(), null, seconds(producedAt));
            return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
        } catch (OCSPException | java.io.IOException e) {
            throw new IllegalStateException("cannot build the OCSP response", e);
        }
    }

    /** The unsigned response saying the request could not be parsed (RFC 6960 §2.3). */
    public static byte[] malformedRequest() {
        return unsigned(OCSPRespBuilder.MALFORMED_REQUEST);
    }

    /** The unsigned response saying this responder cannot answer for the certificate (RFC 6960 §2.3). */
    public static byte[] unauthorized() {
        return unsigned(OCSPRespBuilder.UNAUTHORIZED);
    }

    /** The unsigned response asking the client to try again later (RFC 6960 §2.3). */
    public static byte[] tryLater() {
        return unsigned(OCSPRespBuilder.TRY_LATER);
    }

    /** The unsigned response saying the responder failed (RFC 6960 §2.3). */
    public static byte[] internalError() {
        return unsigned(OCSPRespBuilder.INTERNAL_ERROR);
    }

    private static byte[] unsigned(int status) {
        try {
            return new OCSPRespBuilder().build(status, null).getEncoded();
        } catch (OCSPException | java.io.IOException e) {
            throw new IllegalStateException("cannot encode an OCSP error response", e);
        }
    }

    /** GeneralizedTime without fractional seconds (RFC 5280 §4.1.2.5.2). */
    private static Date seconds(Instant instant) {
        return Date.from(instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    private static CertificateStatus certificateStatus(OcspStatus status) {
        if (status instanceof OcspStatus.Revoked revoked) {
            // RFC 5280 §5.3.1 and the CA/Browser Forum: unspecified (0) is left out.
            CRLReason reason = revoked.reason() == 0 ? null : CRLReason.lookup(revoked.reason());
            return new RevokedStatus(new RevokedInfo(new ASN1GeneralizedTime(seconds(revoked.revokedAt())), reason));
        }
        if (status instanceof OcspStatus.Unknown) {
            return new UnknownStatus();
        }
        return CertificateStatus.GOOD;
    }
}
