package dev.vacme.client.acme;

import dev.vacme.client.ErrorText;
import dev.vacme.client.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS trust for the ACME server: the system's trust anchors, plus those of the CA bundles
 * given with {@code --ca-bundle} (a private CA, or a test server).
 */
public final class TrustAnchors {

    private TrustAnchors() {
    }

    /** Builds the TLS context; without bundles it is the JVM's default. */
    public static SSLContext sslContext(List<Path> caBundles) {
        try {
            if (caBundles.isEmpty()) {
                return SSLContext.getDefault();
            }
            KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
            anchors.load(null, null);
            int index = 0;
            for (X509Certificate system : systemAnchors()) {
                anchors.setCertificateEntry("system-" + index++, system);
            }
            for (Path bundle : caBundles) {
                for (Certificate extra : readBundle(bundle)) {
                    anchors.setCertificateEntry("bundle-" + index++, extra);
                }
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(anchors);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up TLS trust: " + ErrorText.of(e), e);
        }
    }

    private static X509Certificate[] systemAnchors() throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509.getAcceptedIssuers();
            }
        }
        return new X509Certificate[0];
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
