package dev.vacme.common.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vacme.common.testing.Resources;
import dev.vacme.common.testing.TestCertificates;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AriCertificateIdTest {

    @Test
    void computesTheIdentifierOfTheRfc9773AppendixACertificate() {
        String pem = Resources.text("/rfc9773/example-cert.pem");
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));

        assertThat(AriCertificateId.of(der)).hasToString("aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE");
    }

    @Test
    void parsesTheRfc9773Example() {
        AriCertificateId id = AriCertificateId.parse("aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE");

        assertThat(id.serial()).isEqualTo(new BigInteger("8765432100", 16).divide(BigInteger.valueOf(0x100)));
        assertThat(id.serial()).isEqualTo(BigInteger.valueOf(0x87654321L));
        assertThat(id.keyIdentifier()).hasSize(20).startsWith((byte) 0x69, (byte) 0x88);
    }

    @Test
    void matchesForAnIssuedCertificate() {
        KeyPair caKeys = KeyType.EC_P256.generate();
        X509Certificate ca = TestCertificates.selfSigned(caKeys, "Test CA");
        BigInteger serial = new BigInteger("00ff00ff00ff00ff00ff", 16);
        X509Certificate leaf = TestCertificates.issue(KeyType.EC_P256.generate(), "a.test", caKeys, ca, serial);

        AriCertificateId id = AriCertificateId.of(leaf);

        assertThat(id.serial()).isEqualTo(serial);
        assertThat(AriCertificateId.parse(id.toString())).isEqualTo(id);
        byte[] caKeyId = AriCertificateId.of(TestCertificates.selfSigned(caKeys, "again")).keyIdentifier();
        assertThat(id.keyIdentifier()).isEqualTo(caKeyId);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "abc.", ".abc", "a.b.c", "aYhba4dGQEHhs3uEe6CuLN4ByNQ=.AIdlQyE",
        "aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdl+yE", "aY hb.AI"})
    void rejectsMalformedIdentifiers(String text) {
        assertThatThrownBy(() -> AriCertificateId.parse(text)).isInstanceOf(PkiException.class);
    }
}
