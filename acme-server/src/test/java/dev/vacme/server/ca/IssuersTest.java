package dev.vacme.server.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vacme.common.model.Identifier;
import dev.vacme.common.pki.Pem;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IssuersTest {

    private final Clock clock = Clock.systemUTC();
    private final SecureRandom random = new SecureRandom();

    @TempDir
    Path first;
    @TempDir
    Path second;

    private SigningKeySource source(Path dir) {
        CaKeys keys = new CaStorage(dir, clock, random).loadOrCreate();
        return new PemSigningKeySource(keys, dir.resolve(CaStorage.INTERMEDIATE_KEY));
    }

    @Test
    void theIdIsTheSha1OfThePublicKeyBitsLikeAnOcspIssuerKeyHash() throws Exception {
        SigningKeySource source = source(first);
        byte[] keyBits = new JcaX509CertificateHolder(source.issuer()).getSubjectPublicKeyInfo()
                .getPublicKeyData().getBytes();
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(keyBits));

        assertThat(IssuerIds.of(source.issuer())).isEqualTo(expected).hasSize(40);
        SubjectKeyIdentifier ski = SubjectKeyIdentifier.fromExtensions(
                new JcaX509CertificateHolder(source.issuer()).getExtensions());
        assertThat(ski).as("the intermediate names its key the same way").isNotNull();
        assertThat(HexFormat.of().formatHex(ski.getKeyIdentifier())).isEqualTo(expected);
    }

    @Test
    void findsEachIssuerByIdAndByTheCertificatesItSigned() {
        SigningKeySource older = source(first);
        SigningKeySource newer = source(second);
        Issuers issuers = new Issuers(newer, List.of(newer, older));
        X509Certificate leaf = Pem.readCertificate(ListenerCertificates.issue(older,
                List.of(Identifier.dns("leaf.test")), clock, random).chainPem());

        assertThat(issuers.active()).isSameAs(newer);
        assertThat(issuers.byId(IssuerIds.of(older.issuer()))).containsSame(older);
        assertThat(issuers.byId("00")).isEmpty();
        assertThat(issuers.issuerOf(leaf)).containsSame(older);
        assertThat(Issuers.of(newer).issuerOf(leaf)).as("another CA's certificate").isEmpty();
    }

    @Test
    void theActiveIssuerMustBeListed() {
        SigningKeySource older = source(first);
        SigningKeySource newer = source(second);

        assertThatThrownBy(() -> new Issuers(newer, List.of(older))).isInstanceOf(IllegalArgumentException.class);
    }
}
