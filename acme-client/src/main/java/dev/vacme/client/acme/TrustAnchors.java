package dev.vacme.client.acme;

import dev.vacme.client.ErrorText;
import dev.vacme.client.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The TLS trust for the ACME server: the system's trust anchors, plus those of the CA bundles
 * given with {@code --ca-bundle} (a private CA, or a test server).
 */
public final class TrustAnchors {

    private TrustAnchors() {
    }

    /**
     * Builds the TLS context; without bundles it is the JVM's default. With bundles, a server is
     * trusted when it chains to a bundle's certificate or to a system anchor; the system's anchors
     * are read only when the bundle does not vouch for the server.
     */
    public static SSLContext sslContext(List<Path> caBundles) {
        try {
            if (caBundles.isEmpty()) {
                return SSLContext.getDefault();
            }
            KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
            anchors.load(null, null);
            int index = 0;
            for (Path bundle : caBundles) {
                for (Certificate extra : readBundle(bundle)) {
                    anchors.setCertificateEntry("bundle-" + index++, extra);
                }
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {
                new BundleFirstTrustManager(trustManager(anchors), TrustAnchors::systemTrustManager)}, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up TLS trust: " + ErrorText.of(e), e);
        }
    }

    private static X509ExtendedTrustManager systemTrustManager() {
        try {
            return trustManager(null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the system's trust anchors: " + e.getMessage(), e);
        }
    }

    /** The JDK's PKIX trust manager over the anchors (null: the system's). */
    private static X509ExtendedTrustManager trustManager(KeyStore anchors) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(anchors);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509ExtendedTrustManager x509) {
                return x509;
            }
        }
        throw new KeyStoreException("the JVM offers no X.509 trust manager");
    }

    private static Collection<? extends Certificate> readBundle(Path bundle) {
        try (var in = Files.newInputStream(bundle)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new UsageException("--ca-bundle " + bundle + " holds no PEM certificate");
            }
            return certificates;
        } catch (IOException e) {
            throw new UsageException("cannot read --ca-bundle " + bundle + ": " + ErrorText.of(e));
        } catch (CertificateException e) {
            throw new UsageException("--ca-bundle " + bundle + " is not a PEM certificate bundle: " + ErrorText.of(e));
        }
    }
}
