package dev.vacme.client.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.vacme.common.pki.KeyType;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority for revocation tests: issues leaves whose AIA and CRL Distribution Points
 * name a JDK HTTP server on a free port, which answers OCSP (RFC 6960) and serves a CRL (RFC 5280)
 * built with BouncyCastle from what the test revoked. Each {@link OcspMode} and {@link CrlMode}
 * makes the answers wrong in one way a client must notice.
 */
public final class RevocationAuthority implements AutoCloseable {

    /** How the OCSP responder answers. */
    public enum OcspMode {
        /** Signed by the CA, nonce echoed, fresh. */
        NORMAL,
        /** Signed by a responder certificate the CA issued with id-kp-OCSPSigning. */
        DELEGATED,
        /** Signed by a responder certificate the CA issued without id-kp-OCSPSigning. */
        DELEGATED_WITHOUT_EKU,
        /** Signed by another key while naming the CA as responder. */
        WRONG_KEY,
        /** nextUpdate a day in the past. */
        STALE,
        /** Another nonce than the request's. */
        WRONG_NONCE,
        /** No nonce (a pre-signed answer), fresh. */
        NO_NONCE,
        /** Status unknown for every certificate. */
        UNKNOWN_STATUS,
        /** The OCSP status tryLater. */
        TRY_LATER,
        /** HTTP 500. */
        HTTP_ERROR,
        /** Never answers. */
        SILENT
    }

    /** How the CRL is served. */
    public enum CrlMode {
        /** Signed by the CA, fresh, DER. */
        NORMAL,
        /** Fresh, as PEM. */
        PEM,
        /** Signed by another key under the CA's name. */
        WRONG_KEY,
        /** nextUpdate a day in the past. */
        STALE
    }

    private static final AtomicLong SERIALS = new AtomicLong(0x5000);

    private final KeyPair caKeys = KeyType.EC_P256.generate();
    private final X500Name caName = new X500Name("CN=Vacme Revocation Test CA");
    private final X509Certificate caCertificate;
    private final HttpServer server;
    private final Map<BigInteger, Instant> revokedAt = new ConcurrentHashMap<>();
    private final Map<BigInteger, Integer> reasons = new ConcurrentHashMap<>();
    private final AtomicInteger ocspRequests = new AtomicInteger();
    private final AtomicInteger crlRequests = new AtomicInteger();
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile OcspMode ocspMode = OcspMode.NORMAL;
    private volatile CrlMode crlMode = CrlMode.NORMAL;

    /** Creates the CA and starts its HTTP server on a free loopback port. */
    public RevocationAuthority() throws IOException {
        Instant now = Instant.now();
        caCertificate = certificate(caKeys, caName, caKeys, BigInteger.ONE, now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(3650)), true, null, List.of());
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/ocsp", this::ocsp);
        server.createContext("/crl", this::crl);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    /** Returns the CA certificate. */
    public X509Certificate ca() {
        return caCertificate;
    }

    /** Returns a URL on the server. */
    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** Sets how OCSP answers. */
    public RevocationAuthority ocsp(OcspMode mode) {
        ocspMode = mode;
        return this;
    }

    /** Sets how the CRL is served. */
    public RevocationAuthority crl(CrlMode mode) {
        crlMode = mode;
        return this;
    }

    /** Revokes a certificate at {@code when} with an RFC 5280 reason code. */
    public void revoke(X509Certificate certificate, Instant when, int reason) {
        revokedAt.put(certificate.getSerialNumber(), when);
        reasons.put(certificate.getSerialNumber(), reason);
    }

    /** Returns how many OCSP requests arrived. */
    public int ocspRequests() {
        return ocspRequests.get();
    }

    /** Returns how many CRL downloads arrived. */
    public int crlRequests() {
        return crlRequests.get();
    }

    /**
     * Issues a leaf valid for 90 days from an hour ago.
     *
     * @param ocsp the OCSP URL for its AIA, or null for none
     * @param crl  the CRL URL for its distribution point, or null for none
     */
    public X509Certificate leaf(KeyPair subject, String name, URI ocsp, URI crl) {
        Instant now = Instant.now();
        List<Extension> extensions = new ArrayList<>();
        try {
            if (ocsp != null) {
                extensions.add(new Extension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(
                        AccessDescription.id_ad_ocsp, new GeneralName(GeneralName.uniformResourceIdentifier,
                        ocsp.toString())).getEncoded()));
            }
            if (crl != null) {
                DistributionPoint point = new DistributionPoint(new DistributionPointName(new GeneralNames(
                        new GeneralName(GeneralName.uniformResourceIdentifier, crl.toString()))), null, null);
                extensions.add(new Extension(Extension.cRLDistributionPoints, false,
                        new CRLDistPoint(new DistributionPoint[] {point}).getEncoded()));
            }
            extensions.add(new Extension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.dNSName, name)).getEncoded()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return certificate(subject, new X500Name("CN=" + name), caKeys, BigInteger.valueOf(SERIALS.incrementAndGet()),
                now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(90)), false, null, extensions);
    }

    /** Issues a leaf naming this server's OCSP responder and CRL. */
    public X509Certificate leaf(KeyPair subject, String name) {
        return leaf(subject, name, url("/ocsp"), url("/crl"));
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
    }

    private void ocsp(HttpExchange exchange) throws IOException {
        try (exchange) {
            ocspRequests.incrementAndGet();
            OcspMode mode = ocspMode;
            if (mode == OcspMode.SILENT) {
                closing.await();
                return;
            }
            if (mode == OcspMode.HTTP_ERROR) {
                exchange.sendResponseHeaders(500, -1);
                return;
            }
            OCSPReq request = new OCSPReq(exchange.getRequestBody().readAllBytes());
            byte[] body = mode == OcspMode.TRY_LATER ? new OCSPRespBuilder().build(OCSPRespBuilder.TRY_LATER, null)
                    .getEncoded() : new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, answer(request, mode))
                    .getEncoded();
            exchange.getResponseHeaders().add("Content-Type", "application/ocsp-response");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IOException("the test responder failed", e);
        }
    }

    private BasicOCSPResp answer(OCSPReq request, OcspMode mode) throws Exception {
        KeyPair signer = caKeys;
        X509CertificateHolder[] chain = null;
        RespID responder = new RespID(caName);
        if (mode == OcspMode.DELEGATED || mode == OcspMode.DELEGATED_WITHOUT_EKU) {
            signer = KeyType.EC_P256.generate();
            X500Name name = new X500Name("CN=Vacme Test OCSP Responder");
            Instant now = Instant.now();
            X509Certificate delegate = certificate(signer, name, caKeys, BigInteger.valueOf(SERIALS.incrementAndGet()),
                    now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(7)), false,
                    mode == OcspMode.DELEGATED ? KeyPurposeId.id_kp_OCSPSigning : KeyPurposeId.id_kp_serverAuth,
                    List.of());
            chain = new X509CertificateHolder[] {new JcaX509CertificateHolder(delegate)};
            responder = new RespID(name);
        } else if (mode == OcspMode.WRONG_KEY) {
            signer = KeyType.EC_P256.generate();
        }
        BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(responder);
        Instant now = Instant.now();
        Date thisUpdate = Date.from(mode == OcspMode.STALE ? now.minus(Duration.ofDays(8)) : now.minusSeconds(60));
        Date nextUpdate = Date.from(mode == OcspMode.STALE ? now.minus(Duration.ofDays(1)) : now.plus(Duration.ofDays(4)));
        for (Req single : request.getRequestList()) {
            CertificateID id = single.getCertID();
            builder.addResponse(id, status(id.getSerialNumber(), mode), thisUpdate, nextUpdate, null);
        }
        Extension nonce = request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
        if (mode == OcspMode.WRONG_NONCE) {
            nonce = new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false,
                    new DEROctetString("another nonce".getBytes(StandardCharsets.US_ASCII)).getEncoded());
        }
        if (nonce != null && mode != OcspMode.NO_NONCE) {
            builder.setResponseExtensions(new Extensions(nonce));
        }
        return builder.build(signer(signer), chain, Date.from(now));
    }

    private CertificateStatus status(BigInteger serial, OcspMode mode) {
        if (mode == OcspMode.UNKNOWN_STATUS) {
            return new UnknownStatus();
        }
        Instant when = revokedAt.get(serial);
        return when == null ? CertificateStatus.GOOD : new RevokedStatus(Date.from(when), reasons.get(serial));
    }

    private void crl(HttpExchange exchange) throws IOException {
        try (exchange) {
            crlRequests.incrementAndGet();
            CrlMode mode = crlMode;
            Instant now = Instant.now();
            X509v2CRLBuilder builder = new X509v2CRLBuilder(caName, Date.from(mode == CrlMode.STALE
                    ? now.minus(Duration.ofDays(8)) : now.minusSeconds(60)));
            builder.setNextUpdate(Date.from(mode == CrlMode.STALE ? now.minus(Duration.ofDays(1))
                    : now.plus(Duration.ofDays(1))));
            revokedAt.forEach((serial, when) -> builder.addCRLEntry(serial, Date.from(when), reasons.get(serial)));
            byte[] der = builder.build(signer(mode == CrlMode.WRONG_KEY ? KeyType.EC_P256.generate() : caKeys))
                    .getEncoded();
            byte[] body = mode == CrlMode.PEM ? ("-----BEGIN X509 CRL-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                    + "\n-----END X509 CRL-----\n").getBytes(StandardCharsets.US_ASCII) : der;
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        } catch (Exception e) {
            throw new IOException("the test CRL failed", e);
        }
    }

    private static ContentSigner signer(KeyPair keys) {
        try {
            return new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private X509Certificate certificate(KeyPair subject, X500Name subjectName, KeyPair issuer, BigInteger serial,
            Instant notBefore, Instant notAfter, boolean ca, KeyPurposeId purpose, List<Extension> extensions) {
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(caName, serial, Date.from(notBefore),
                    Date.from(notAfter), subjectName, subject.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            if (purpose != null) {
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
            }
            for (Extension extension : extensions) {
                builder.addExtension(extension);
            }
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer(issuer)));
        } catch (Exception e) {
            throw new IllegalStateException("cannot build a test certificate", e);
        }
    }
}
