package dev.vacme.server.ca;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.common.model.Identifier;
import dev.vacme.common.pki.KeyType;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The issuing key signs end-entity certificates that the JDK verifies, EC keys on the lightweight path. */
class IssuerSignerTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final SecureRandom RANDOM = new SecureRandom();

    @ParameterizedTest
    @CsvSource({
        "EC_P256,  true,  SHA256withECDSA",
        "EC_P384,  true,  SHA384withECDSA",
        "RSA_2048, false, SHA256withRSA",
    })
    void signsWhatTheJdkVerifies(KeyType issuerType, boolean lightweight, String algorithm) throws Exception {
        KeyPair issuerKeys = issuerType.generate(RANDOM);
        X509Certificate issuer = CertificateProfiles.root(issuerKeys, "Test issuer", BigInteger.ONE, T0,
                T0.plusSeconds(86_400));
        IssuerSigner signer = IssuerSigner.of(issuerKeys);

        X509Certificate certificate = CertificateProfiles.endEntity(request(), source(issuer, issuerKeys));

        assertThat(signer.isLightweight()).isEqualTo(lightweight);
        assertThat(certificate.getSigAlgName()).isEqualTo(algorithm);
        certificate.verify(issuerKeys.getPublic());
        assertThat(certificate.getIssuerX500Principal()).isEqualTo(issuer.getSubjectX500Principal());
    }

    @ParameterizedTest
    @CsvSource({"EC_P256", "EC_P384"})
    void ecdsaSignaturesAreDeterministic(KeyType issuerType) {
        KeyPair issuerKeys = issuerType.generate(RANDOM);
        X509Certificate issuer = CertificateProfiles.root(issuerKeys, "Test issuer", BigInteger.ONE, T0,
                T0.plusSeconds(86_400));
        IssuanceRequest request = request();

        X509Certificate first = CertificateProfiles.endEntity(request, source(issuer, issuerKeys));
        X509Certificate second = CertificateProfiles.endEntity(request, source(issuer, issuerKeys));

        assertThat(second.getSignature()).isEqualTo(first.getSignature());
    }

    /** The PEM-file key source over an issuer, as the CA signs with it. */
    private static SigningKeySource source(X509Certificate issuer, KeyPair issuerKeys) {
        return new PemSigningKeySource(new CaKeys(issuer, issuer, issuerKeys), Path.of("intermediate.key"));
    }

    private static IssuanceRequest request() {
        return IssuanceRequest.at(T0, new BigInteger(1, new byte[] {0x12, 0x34, 0x56, 0x78, 0x12, 0x34, 0x56, 0x78, 1}),
                KeyType.EC_P256.generate(RANDOM).getPublic(), List.of(Identifier.dns("www.example.test")),
                Profiles.defaults(Duration.ofDays(90)).defaultProfile());
    }
}
