package dev.vacme.common.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vacme.common.testing.Resources;
import dev.vacme.common.testing.TestCertificates;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class PemTest {

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void privateKeysRoundTripAsPkcs8AndYieldTheirPublicHalf(KeyType type) {
        KeyPair keys = type.generate();

        String pem = Pem.encodePrivateKey(keys.getPrivate());
        KeyPair read = Pem.readKeyPair(pem);

        assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----\n");
        assertThat(read.getPrivate().getEncoded()).isEqualTo(keys.getPrivate().getEncoded());
        assertThat(read.getPublic().getEncoded()).isEqualTo(keys.getPublic().getEncoded());
        assertThat(KeyType.of(read.getPublic())).contains(type);
    }

    @ParameterizedTest
    @CsvSource({
        "rsa-2048-pkcs1, RSA PRIVATE KEY, RSA_2048",
        "ec-p256-sec1, EC PRIVATE KEY, EC_P256",
        "ec-p384-sec1, EC PRIVATE KEY, EC_P384",
        "ed25519-pkcs8, PRIVATE KEY, ED25519"
    })
    void readsKeysWrittenByOpenSsl(String name, String pemType, KeyType type) {
        String pem = Resources.text("/openssl/" + name + ".pem");
        String publicPem = Resources.text("/openssl/" + name + ".pub");
        assertThat(pem).startsWith("-----BEGIN " + pemType + "-----");

        KeyPair read = Pem.readKeyPair(pem);

        assertThat(Pem.encodePublicKey(read.getPublic())).isEqualTo(publicPem);
        assertThat(KeyType.of(read.getPublic())).contains(type);
    }

    @Test
    void certificateChainsRoundTripInOrder() {
        KeyPair caKeys = KeyType.EC_P256.generate();
        X509Certificate ca = TestCertificates.selfSigned(caKeys, "Test CA");
        X509Certificate leaf = TestCertificates.issue(KeyType.EC_P256.generate(), "a.test", caKeys, ca, BigInteger.TEN);

        List<X509Certificate> read = Pem.readCertificates(Pem.encodeCertificates(List.of(leaf, ca)));

        assertThat(read).containsExactly(leaf, ca);
        assertThat(Pem.readCertificate(Pem.encodeCertificate(leaf))).isEqualTo(leaf);
    }

    @Test
    void csrsRoundTrip() {
        byte[] der = new CsrBuilder().dns("a.test").build(KeyType.EC_P256.generate());

        assertThat(Pem.readCsr(Pem.encodeCsr(der))).isEqualTo(der);
    }

    @Test
    void rejectsInputWithoutTheExpectedObject() {
        KeyPair keys = KeyType.EC_P256.generate();
        String keyPem = Pem.encodePrivateKey(keys.getPrivate());
        String certPem = Pem.encodeCertificate(TestCertificates.selfSigned(keys, "x"));

        assertThatThrownBy(() -> Pem.readKeyPair("")).isInstanceOf(PkiException.class).hasMessage("no PEM private key found");
        assertThatThrownBy(() -> Pem.readKeyPair(certPem)).isInstanceOf(PkiException.class)
                .hasMessageContaining("expected a private key");
        assertThatThrownBy(() -> Pem.readCertificates(keyPem)).isInstanceOf(PkiException.class)
                .hasMessage("expected CERTIFICATE blocks, found PRIVATE KEY");
        assertThatThrownBy(() -> Pem.readCertificates("hello")).isInstanceOf(PkiException.class)
                .hasMessage("no PEM certificate found");
        assertThatThrownBy(() -> Pem.readCsr(keyPem)).isInstanceOf(PkiException.class)
                .hasMessageContaining("expected a CERTIFICATE REQUEST");
    }

    @Test
    void rejectsCorruptBase64() {
        String corrupt = "-----BEGIN CERTIFICATE-----\nMIIB!!!!\n-----END CERTIFICATE-----\n";
        String truncated = "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg\n-----END PRIVATE KEY-----\n";

        assertThatThrownBy(() -> Pem.readCertificates(corrupt)).isInstanceOf(PkiException.class)
                .hasMessageStartingWith("corrupt certificate");
        assertThatThrownBy(() -> Pem.readKeyPair(truncated)).isInstanceOf(PkiException.class);
    }
}
