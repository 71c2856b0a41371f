package dev.vacme.client.acme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vacme.client.testing.TestPki;
import dev.vacme.common.pki.KeyType;
import java.math.BigInteger;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.jupiter.api.Test;

/** The --ca-bundle trust: the bundle's anchors first, the system's read only when needed. */
class BundleFirstTrustManagerTest {

    private static final String AUTH_TYPE = "ECDHE_ECDSA";

    private final TestPki bundleCa = new TestPki();
    private final TestPki systemCa = new TestPki();
    private final AtomicInteger systemReads = new AtomicInteger();
    private final BundleFirstTrustManager trust = new BundleFirstTrustManager(over(bundleCa), () -> {
        systemReads.incrementAndGet();
        return over(systemCa);
    });

    @Test
    void aServerTheBundleVouchesForNeverReadsTheSystemsAnchors() throws Exception {
        trust.checkServerTrusted(chainFrom(bundleCa), AUTH_TYPE);
        trust.checkServerTrusted(chainFrom(bundleCa), AUTH_TYPE);

        assertThat(systemReads).hasValue(0);
    }

    @Test
    void aServerOnlyTheSystemVouchesForIsTrustedAndTheSystemIsReadOnce() throws Exception {
        trust.checkServerTrusted(chainFrom(systemCa), AUTH_TYPE);
        trust.checkServerTrusted(chainFrom(systemCa), AUTH_TYPE);

        assertThat(systemReads).hasValue(1);
    }

    @Test
    void aServerNeitherVouchesForIsRefusedWithBothReasons() {
        assertThatThrownBy(() -> trust.checkServerTrusted(chainFrom(new TestPki()), AUTH_TYPE))
                .isInstanceOf(CertificateException.class)
                .satisfies(failure -> assertThat(failure.getSuppressed()).hasSize(1)
                        .allMatch(CertificateException.class::isInstance));
    }

    @Test
    void acceptedIssuersAreBoth() {
        assertThat(trust.getAcceptedIssuers()).containsExactlyInAnyOrder(bundleCa.ca(), systemCa.ca());
    }

    private static X509Certificate[] chainFrom(TestPki ca) {
        Instant now = Instant.now();
        X509Certificate leaf = ca.leaf(KeyType.EC_P256.generate(), List.of("acme.test"), now.minus(Duration.ofHours(1)),
                now.plus(Duration.ofDays(1)), BigInteger.TWO);
        return new X509Certificate[] {leaf, ca.ca()};
    }

    private static X509ExtendedTrustManager over(TestPki ca) {
        try {
            KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
            anchors.load(null, null);
            anchors.setCertificateEntry("ca", ca.ca());
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(anchors);
            return (X509ExtendedTrustManager) factory.getTrustManagers()[0];
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
