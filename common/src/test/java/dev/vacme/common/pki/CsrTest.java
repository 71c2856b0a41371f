package dev.vacme.common.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.security.KeyPair;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class CsrTest {

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void buildsAndParsesDnsAndIpNamesForEveryKeyType(KeyType type) throws Exception {
        KeyPair keys = type.generate();

        Csr csr = Csr.parse(new CsrBuilder().dns("a.test").dns("www.a.test").ip("192.0.2.7").ip("2001:db8::1")
                .build(keys));

        assertThat(csr.dnsNames()).containsExactly("a.test", "www.a.test");
        assertThat(csr.ipAddresses()).containsExactly(InetAddress.getByName("192.0.2.7"),
                InetAddress.getByName("2001:db8::1"));
        assertThat(csr.otherNames()).isEmpty();
        assertThat(csr.commonName()).contains("a.test");
        assertThat(csr.publicKey().getEncoded()).isEqualTo(keys.getPublic().getEncoded());
        assertThat(csr.isSignatureValid()).isTrue();
    }

    @Test
    void anIpOnlyCsrUsesTheAddressAsCommonNameAndCanOmitIt() {
        KeyPair keys = KeyType.EC_P256.generate();

        assertThat(Csr.parse(new CsrBuilder().ip("127.0.0.1").build(keys)).commonName()).contains("127.0.0.1");
        assertThat(Csr.parse(new CsrBuilder().dns("a.test").withoutCommonName().build(keys)).commonName()).isEmpty();
    }

    @Test
    void aCorruptedSignatureIsDetected() {
        byte[] der = new CsrBuilder().dns("a.test").build(KeyType.EC_P256.generate());
        der[der.length - 5] ^= 0x01;

        assertThat(Csr.parse(der).isSignatureValid()).isFalse();
    }

    @Test
    void otherSubjectAltNameTypesAreReported() throws Exception {
        KeyPair keys = KeyType.EC_P256.generate();
        ExtensionsGenerator extensions = new ExtensionsGenerator();
        extensions.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.dNSName, "a.test"),
            new GeneralName(GeneralName.rfc822Name, "admin@a.test"),
            new GeneralName(GeneralName.uniformResourceIdentifier, "https://a.test/")}));
        byte[] der = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=a.test"), keys.getPublic())
                .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())).getEncoded();

        Csr csr = Csr.parse(der);

        assertThat(csr.dnsNames()).containsExactly("a.test");
        assertThat(csr.otherNames()).containsExactly("email address admin@a.test", "URI https://a.test/");
    }

    @Test
    void aMalformedExtensionRequestIsAPkiException() throws Exception {
        KeyPair keys = KeyType.EC_P256.generate();
        byte[] der = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=a.test"), keys.getPublic())
                .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, new org.bouncycastle.asn1.DERUTF8String("x"))
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())).getEncoded();

        assertThatThrownBy(() -> Csr.parse(der)).isInstanceOf(PkiException.class)
                .hasMessageStartingWith("the CSR is not a valid PKCS#10 request");
    }

    @Test
    void garbageIsNotACsr() {
        assertThatThrownBy(() -> Csr.parse(new byte[] {1, 2, 3})).isInstanceOf(PkiException.class)
                .hasMessageStartingWith("the CSR is not a valid PKCS#10 request");
    }

    @Test
    void theBuilderRefusesNonAddresses() {
        assertThatThrownBy(() -> new CsrBuilder().ip("example.com")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CsrBuilder().build(KeyType.EC_P256.generate()))
                .isInstanceOf(IllegalStateException.class);
    }
}
