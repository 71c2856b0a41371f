package dev.vacme.server.wfe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.common.jws.Base64Url;
import dev.vacme.common.model.RevocationRequest;
import dev.vacme.common.pki.KeyType;
import dev.vacme.common.pki.Pem;
import dev.vacme.server.ca.IssuerIds;
import dev.vacme.server.it.ServerProcess;
import dev.vacme.server.testing.AcmeFlow;
import dev.vacme.server.testing.Http01Responder;
import dev.vacme.server.testing.Poll;
import dev.vacme.server.testing.TestServer;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.CRLReason;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.bc.BcDigestCalculatorProvider;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PKI listener of a server started with {@code --pki-listen}: certificates name it, and its
 * CRL (RFC 5280) and OCSP answers (RFC 6960) follow revocations within seconds.
 */
class RevocationPublishingTest {

    @TempDir
    static Path dataDir;

    private static Http01Responder responder;
    private static TestServer server;
    private static String pki;
    private static String admin;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void startServer() {
        responder = new Http01Responder();
        int pkiPort = ServerProcess.freePort();
        int adminPort = ServerProcess.freePort();
        server = TestServer.start(dataDir, responder.port(), Map.of("pki-listen", "127.0.0.1:" + pkiPort,
                "admin-listen", "127.0.0.1:" + adminPort));
        pki = "http://127.0.0.1:" + pkiPort;
        admin = "http://127.0.0.1:" + adminPort;
    }

    @AfterAll
    static void stopServer() {
        server.close();
        responder.close();
    }

    private static AcmeFlow account() {
        return new AcmeFlow(server.client(), responder, KeyType.EC_P256.generate()).register();
    }

    private static List<X509Certificate> issue(AcmeFlow account, String name) {
        return Pem.readCertificates(account.issue(name));
    }

    @Test
    void certificatesNameTheResponderTheCrlAndTheIssuerServedHere() throws Exception {
        List<X509Certificate> chain = issue(account(), "named.test");
        X509Certificate intermediate = chain.get(1);
        String id = IssuerIds.of(intermediate);

        AccessDescription[] access = AuthorityInformationAccess.fromExtensions(
                new JcaX509CertificateHolder(chain.get(0)).getExtensions()).getAccessDescriptions();
        assertThat(access).extracting(a -> a.getAccessLocation().getName().toString())
                .containsExactly(pki + "/ocsp", pki + "/issuer/" + id + ".der");
        HttpResponse<byte[]> issuer = get("/issuer/" + id + ".der");
        assertThat(issuer.statusCode()).isEqualTo(200);
        assertThat(issuer.headers().firstValue("Content-Type")).contains("application/pkix-cert");
        assertThat(issuer.body()).isEqualTo(intermediate.getEncoded());
        assertThat(get("/issuer/00.der").statusCode()).isEqualTo(404);
        assertThat(get("/crl/00.crl").statusCode()).isEqualTo(404);
    }

    @Test
    void ocspAndTheCrlShowARevocationWithinSeconds() throws Exception {
        AcmeFlow account = account();
        List<X509Certificate> chain = issue(account, "revoked.test");
        X509Certificate leaf = chain.get(0);
        X509Certificate intermediate = chain.get(1);
        long crlNumberBefore = crlNumber(crl(intermediate));

        BasicOCSPResp before = ocspPost(request(intermediate, leaf.getSerialNumber(), Optional.empty()), intermediate);
        assertThat(before.getResponses()[0].getCertStatus()).as("good").isNull();

        assertThat(account.post(server.client().directory().revokeCert().toString(),
                new RevocationRequest(Base64Url.encode(leaf.getEncoded()), 1)).status()).isEqualTo(200);

        BasicOCSPResp after = Poll.until(() -> ocspPost(request(intermediate, leaf.getSerialNumber(), Optional.empty()),
                intermediate), response -> response.getResponses()[0].getCertStatus() != null, Duration.ofSeconds(5));
        RevokedStatus revoked = (RevokedStatus) after.getResponses()[0].getCertStatus();
        assertThat(revoked.getRevocationReason()).isEqualTo(1);
        X509CRL crl = Poll.until(() -> crl(intermediate), list -> list.getRevokedCertificate(leaf.getSerialNumber()) != null,
                Duration.ofSeconds(5));
        assertThat(crl.getRevokedCertificate(leaf.getSerialNumber()).getRevocationReason())
                .isEqualTo(CRLReason.KEY_COMPROMISE);
        assertThat(crlNumber(crl)).isGreaterThan(crlNumberBefore);
    }

    @Test
    void cachedAnswersAreTheSameBytesWithCachingHeadersOverPostAndGet() throws Exception {
        List<X509Certificate> chain = issue(account(), "cached.test");
        byte[] request = request(chain.get(1), chain.get(0).getSerialNumber(), Optional.empty());

        HttpResponse<byte[]> posted = post(request);
        HttpResponse<byte[]> fetched = get("/ocsp/" + URLEncoder.encode(Base64.getEncoder().encodeToString(request),
                StandardCharsets.UTF_8));

        assertThat(posted.statusCode()).isEqualTo(200);
        assertThat(posted.headers().firstValue("Content-Type")).contains("application/ocsp-response");
        assertThat(fetched.body()).isEqualTo(posted.body());
        long maxAge = Long.parseLong(fetched.headers().firstValue("Cache-Control").orElseThrow()
                .replaceAll(".*max-age=(\\d+).*", "$1"));
        assertThat(maxAge).isBetween(Duration.ofHours(23).toSeconds(), Duration.ofDays(1).toSeconds());
        assertThat(fetched.headers().firstValue("ETag")).isPresent();
        assertThat(fetched.headers().firstValue("Last-Modified").orElseThrow())
                .matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT");
        String etag = fetched.headers().firstValue("ETag").orElseThrow();
        assertThat(send(HttpRequest.newBuilder(URI.create(pki + "/ocsp/" + URLEncoder.encode(
                Base64.getEncoder().encodeToString(request), StandardCharsets.UTF_8))).header("If-None-Match", etag)
                .build()).statusCode()).isEqualTo(304);
    }

    @Test
    void aNonceIsEchoedInAnAnswerSignedForIt() throws Exception {
        List<X509Certificate> chain = issue(account(), "nonce.test");
        byte[] nonce = {9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 1, 2, 3, 4, 5, 6};

        BasicOCSPResp response = ocspPost(request(chain.get(1), chain.get(0).getSerialNumber(), Optional.of(nonce)),
                chain.get(1));

        assertThat(response.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce).getExtnValue().getOctets())
                .isEqualTo(new DEROctetString(nonce).getEncoded());
    }

    @Test
    void aSerialNeverIssuedIsUnknownAndAnotherIssuerIsUnauthorized() throws Exception {
        List<X509Certificate> chain = issue(account(), "unknown.test");
        X509Certificate foreign = chain.get(0);

        BasicOCSPResp unknown = ocspPost(request(chain.get(1), BigInteger.valueOf(4242), Optional.empty()), chain.get(1));
        OCSPResp unauthorized = new OCSPResp(post(request(foreign, BigInteger.ONE, Optional.empty())).body());

        assertThat(unknown.getResponses()[0].getCertStatus()).isInstanceOf(UnknownStatus.class);
        assertThat(unauthorized.getStatus()).isEqualTo(OCSPResp.UNAUTHORIZED);
    }

    @Test
    void malformedRequestsGetMalformedRequestNotAnError() throws Exception {
        HttpResponse<byte[]> garbage = post("not an OCSP request".getBytes(StandardCharsets.UTF_8));
        HttpResponse<byte[]> notBase64 = get("/ocsp/%25%25%25");
        HttpResponse<byte[]> empty = post(new byte[0]);

        for (HttpResponse<byte[]> response : List.of(garbage, notBase64, empty)) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(new OCSPResp(response.body()).getStatus()).isEqualTo(OCSPResp.MALFORMED_REQUEST);
        }
    }

    @Test
    void onlyGetAndHeadReadAndOnlyPostAsksOcsp() throws Exception {
        X509Certificate intermediate = Pem.readCertificates(account().issue("methods.test")).get(1);
        String crlPath = "/crl/" + IssuerIds.of(intermediate) + ".crl";

        HttpResponse<byte[]> head = HTTP.send(HttpRequest.newBuilder(URI.create(pki + crlPath))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> put = HTTP.send(HttpRequest.newBuilder(URI.create(pki + crlPath))
                .PUT(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Type")).contains("application/pkix-crl");
        assertThat(head.body()).isEmpty();
        assertThat(put.statusCode()).isEqualTo(405);
    }

    @Test
    void metricsCountGeneratedCrlsAndOcspAnswersByStatus() throws Exception {
        List<X509Certificate> chain = issue(account(), "counted.test");
        ocspPost(request(chain.get(1), chain.get(0).getSerialNumber(), Optional.empty()), chain.get(1));
        post(new byte[] {1, 2, 3});

        String metrics = new String(send(HttpRequest.newBuilder(URI.create(admin + "/metrics")).build()).body(),
                StandardCharsets.UTF_8);

        assertThat(metrics).containsPattern("vacme_crl_generated_total [1-9]")
                .containsPattern("vacme_ocsp_responses_total\\{status=\"good\"} [1-9]")
                .containsPattern("vacme_ocsp_responses_total\\{status=\"malformedRequest\"} [1-9]");
    }

    private static byte[] request(X509Certificate issuer, BigInteger serial, Optional<byte[]> nonce) {
        try {
            OCSPReqBuilder builder = new OCSPReqBuilder().addRequest(new CertificateID(
                    new BcDigestCalculatorProvider().get(CertificateID.HASH_SHA1), new JcaX509CertificateHolder(issuer),
                    serial));
            if (nonce.isPresent()) {
                builder.setRequestExtensions(new Extensions(new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce,
                        false, new DEROctetString(new DEROctetString(nonce.get())))));
            }
            return builder.build().getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Posts a request and returns the basic response, checked to be signed by the issuer. */
    private static BasicOCSPResp ocspPost(byte[] request, X509Certificate issuer) {
        try {
            OCSPResp response = new OCSPResp(post(request).body());
            assertThat(response.getStatus()).isEqualTo(OCSPResp.SUCCESSFUL);
            BasicOCSPResp basic = (BasicOCSPResp) response.getResponseObject();
            assertThat(basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(issuer.getPublicKey())))
                    .isTrue();
            return basic;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509CRL crl(X509Certificate issuer) {
        try {
            HttpResponse<byte[]> response = get("/crl/" + IssuerIds.of(issuer) + ".crl");
            assertThat(response.statusCode()).isEqualTo(200);
            X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509")
                    .generateCRL(new ByteArrayInputStream(response.body()));
            crl.verify(issuer.getPublicKey());
            return crl;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long crlNumber(X509CRL crl) {
        return org.bouncycastle.asn1.ASN1Integer.getInstance(org.bouncycastle.asn1.ASN1OctetString.getInstance(
                crl.getExtensionValue(Extension.cRLNumber.getId())).getOctets()).getValue().longValueExact();
    }

    private static HttpResponse<byte[]> post(byte[] body) {
        return send(HttpRequest.newBuilder(URI.create(pki + "/ocsp")).header("Content-Type", "application/ocsp-request")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    private static HttpResponse<byte[]> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(pki + path)).build());
    }

    private static HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
