package dev.vacme.server.ca;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.common.model.Identifier;
import dev.vacme.common.pki.KeyType;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.CRLReason;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.bc.BcDigestCalculatorProvider;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The CRL (RFC 5280 §5), OCSP response (RFC 6960 §4.2) and status-location extensions Vacme signs, read back with BouncyCastle and the JDK. */
class CrlAndOcspBuildersTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z");

    private final KeyPair issuerKeys = KeyType.EC_P256.generate(RANDOM);
    private final X509Certificate issuerCertificate = CertificateProfiles.root(issuerKeys, "Test issuer", BigInteger.TEN,
            T0.minus(Duration.ofDays(1)), T0.plus(Duration.ofDays(365)));
    private final SigningKeySource issuer = new PemSigningKeySource(
            new CaKeys(issuerCertificate, issuerCertificate, issuerKeys), Path.of("intermediate.key"));

    @Test
    void aCrlIsSignedByTheIssuerAndListsEachRevocationWithItsDateAndReason() throws Exception {
        BigInteger compromised = new BigInteger("7f3a", 16);
        BigInteger unspecified = new BigInteger("9c01", 16);

        byte[] der = CrlBuilder.build(issuer, 42, T0, T0.plus(Duration.ofHours(24)), List.of(
                new RevocationEntry(compromised, T0.minus(Duration.ofHours(2)), 1),
                new RevocationEntry(unspecified, T0.minus(Duration.ofHours(1)), 0)));

        X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
        crl.verify(issuerKeys.getPublic());
        assertThat(crl.getVersion()).isEqualTo(2);
        assertThat(crl.getIssuerX500Principal()).isEqualTo(issuerCertificate.getSubjectX500Principal());
        assertThat(crl.getThisUpdate()).isEqualTo(Date.from(T0));
        assertThat(crl.getNextUpdate()).isEqualTo(Date.from(T0.plus(Duration.ofHours(24))));
        assertThat(ASN1Integer.getInstance(ASN1OctetString.getInstance(crl.getExtensionValue(Extension.cRLNumber.getId()))
                .getOctets()).getValue()).isEqualTo(42);
        byte[] aki = ASN1OctetString.getInstance(crl.getExtensionValue(Extension.authorityKeyIdentifier.getId())).getOctets();
        assertThat(AuthorityKeyIdentifier.getInstance(aki).getKeyIdentifier()).isEqualTo(IssuerIds.keyHash(issuerCertificate));
        X509CRLEntry first = crl.getRevokedCertificate(compromised);
        assertThat(first.getRevocationDate()).isEqualTo(Date.from(T0.minus(Duration.ofHours(2))));
        assertThat(first.getRevocationReason()).isEqualTo(CRLReason.KEY_COMPROMISE);
        X509CRLEntry second = crl.getRevokedCertificate(unspecified);
        assertThat(second.getRevocationReason()).as("unspecified is left out (RFC 5280 §5.3.1)").isNull();
        assertThat(crl.getRevokedCertificates()).hasSize(2);
    }

    @Test
    void anEmptyCrlHasNoEntries() throws Exception {
        X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(
                CrlBuilder.build(issuer, 1, T0, T0.plus(Duration.ofHours(1)), List.of())));

        crl.verify(issuerKeys.getPublic());
        assertThat(crl.getRevokedCertificates()).isNull();
    }

    @ParameterizedTest
    @CsvSource({"good, 0", "revoked, 4", "revoked, 0", "unknown, 0"})
    void anOcspAnswerIsSignedByTheIssuerWithItsKeyHashAsResponderId(String label, int reason) throws Exception {
        CertificateID id = new CertificateID(new BcDigestCalculatorProvider().get(CertificateID.HASH_SHA1),
                new JcaX509CertificateHolder(issuerCertificate), BigInteger.valueOf(77));
        OcspStatus status = switch (label) {
            case "good" -> new OcspStatus.Good();
            case "revoked" -> new OcspStatus.Revoked(T0.minusMillis(1500), reason);
            default -> new OcspStatus.Unknown();
        };

        byte[] der = OcspResponses.signed(issuer, List.of(new OcspResponses.Answer(id, status, T0,
                T0.plus(Duration.ofDays(1)))), T0, Optional.empty());

        OCSPResp response = new OCSPResp(der);
        assertThat(response.getStatus()).isEqualTo(OCSPResp.SUCCESSFUL);
        BasicOCSPResp basic = (BasicOCSPResp) response.getResponseObject();
        assertThat(basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(issuerKeys.getPublic()))).isTrue();
        assertThat(basic.getResponderId().toASN1Primitive().getKeyHash()).isEqualTo(IssuerIds.keyHash(issuerCertificate));
        assertThat(basic.getCerts()).isEmpty();
        assertThat(basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce)).isNull();
        SingleResp single = basic.getResponses()[0];
        assertThat(single.getCertID()).isEqualTo(id);
        assertThat(single.getThisUpdate()).isEqualTo(Date.from(T0));
        assertThat(single.getNextUpdate()).isEqualTo(Date.from(T0.plus(Duration.ofDays(1))));
        switch (label) {
            case "good" -> assertThat(single.getCertStatus()).isNull();
            case "unknown" -> assertThat(single.getCertStatus()).isInstanceOf(UnknownStatus.class);
            default -> {
                RevokedStatus revoked = (RevokedStatus) single.getCertStatus();
                assertThat(revoked.getRevocationTime()).as("whole seconds").isEqualTo(Date.from(T0.minusSeconds(2)));
                assertThat(revoked.hasRevocationReason()).isEqualTo(reason != 0);
                if (reason != 0) {
                    assertThat(revoked.getRevocationReason()).isEqualTo(reason);
                }
            }
        }
    }

    @Test
    void anOcspAnswerEchoesTheNonce() throws Exception {
        CertificateID id = new CertificateID(new BcDigestCalculatorProvider().get(CertificateID.HASH_SHA1),
                new JcaX509CertificateHolder(issuerCertificate), BigInteger.valueOf(77));
        byte[] nonce = new DEROctetString(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}).getEncoded();

        BasicOCSPResp basic = (BasicOCSPResp) new OCSPResp(OcspResponses.signed(issuer, List.of(
                new OcspResponses.Answer(id, new OcspStatus.Good(), T0, T0.plus(Duration.ofDays(1)))), T0,
                Optional.of(nonce))).getResponseObject();

        assertThat(basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce).getExtnValue().getOctets())
                .isEqualTo(nonce);
    }

    @Test
    void errorResponsesAreUnsignedWithTheirRfc6960Status() throws Exception {
        assertThat(new OCSPResp(OcspResponses.malformedRequest()).getStatus()).isEqualTo(OCSPResp.MALFORMED_REQUEST);
        assertThat(new OCSPResp(OcspResponses.unauthorized()).getStatus()).isEqualTo(OCSPResp.UNAUTHORIZED);
        assertThat(new OCSPResp(OcspResponses.tryLater()).getStatus()).isEqualTo(OCSPResp.TRY_LATER);
        assertThat(new OCSPResp(OcspResponses.internalError()).getStatus()).isEqualTo(OCSPResp.INTERNAL_ERROR);
        assertThat(new OCSPResp(OcspResponses.unauthorized()).getResponseObject()).isNull();
    }

    @Test
    void withPkiUrlsACertificateNamesItsCrlOcspResponderAndIssuer() throws Exception {
        String id = IssuerIds.of(issuerCertificate);

        X509CertificateHolder leaf = new JcaX509CertificateHolder(CertificateProfiles.endEntity(request(), issuer,
                Optional.of(new PkiUrls("http://pki.example.test:8080/"))));

        CRLDistPoint points = CRLDistPoint.fromExtensions(leaf.getExtensions());
        assertThat(points.getDistributionPoints()).hasSize(1);
        GeneralName crl = GeneralNames.getInstance(points.getDistributionPoints()[0].getDistributionPoint().getName())
                .getNames()[0];
        assertThat(crl.getTagNo()).isEqualTo(GeneralName.uniformResourceIdentifier);
        assertThat(crl.getName().toString()).isEqualTo("http://pki.example.test:8080/crl/" + id + ".crl");
        AccessDescription[] access = AuthorityInformationAccess.fromExtensions(leaf.getExtensions()).getAccessDescriptions();
        assertThat(access).extracting(a -> a.getAccessMethod() + " " + a.getAccessLocation().getName()).containsExactly(
                AccessDescription.id_ad_ocsp + " http://pki.example.test:8080/ocsp",
                AccessDescription.id_ad_caIssuers + " http://pki.example.test:8080/issuer/" + id + ".der");
        assertThat(leaf.getExtension(Extension.cRLDistributionPoints).isCritical()).isFalse();
        assertThat(leaf.getExtension(Extension.authorityInfoAccess).isCritical()).isFalse();
    }

    @Test
    void withoutPkiUrlsACertificateNamesNoStatusLocation() throws Exception {
        X509CertificateHolder leaf = new JcaX509CertificateHolder(CertificateProfiles.endEntity(request(), issuer));

        assertThat(leaf.getExtension(Extension.cRLDistributionPoints)).isNull();
        assertThat(leaf.getExtension(Extension.authorityInfoAccess)).isNull();
    }

    private static IssuanceRequest request() {
        return IssuanceRequest.at(T0, BigInteger.valueOf(12345), KeyType.EC_P256.generate(RANDOM).getPublic(),
                List.of(Identifier.dns("www.example.test")), Profiles.defaults(Duration.ofDays(90)).defaultProfile());
    }
}
