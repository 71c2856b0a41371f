package dev.vacme.client.acme;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts a server that either the {@code --ca-bundle} anchors or the system's anchors accept,
 * asking the bundle first and reading the system's anchors (some 140 certificates to parse, a
 * good part of a run's start-up) only when the bundle does not vouch for the server. Both
 * delegates are the JDK's own trust managers, so hostname verification and algorithm constraints
 * are theirs.
 */
final class BundleFirstTrustManager extends X509ExtendedTrustManager {

    private final X509ExtendedTrustManager bundle;
    private final Supplier<X509ExtendedTrustManager> systemSource;
    private X509ExtendedTrustManager system;

    /**
     * Creates the trust manager.
     *
     * @param bundle the trust manager over the bundles' anchors
     * @param system makes the trust manager over the system's anchors; called at most once
     */
    BundleFirstTrustManager(X509ExtendedTrustManager bundle, Supplier<X509ExtendedTrustManager> system) {
        this.bundle = bundle;
        this.systemSource = system;
    }

    /** One check against one trust manager. */
    @FunctionalInterface
    private interface Check {
        void against(X509ExtendedTrustManager manager) throws CertificateException;
    }

    /**
     * Passes when the bundle's anchors accept; else asks the system's. When neither accepts, the
     * bundle's reason is the one reported (the admin named that CA), the system's is attached.
     */
    private void firstBundle(Check check) throws CertificateException {
        try {
            check.against(bundle);
        } catch (CertificateException bundleFailure) {
            try {
                check.against(system());
            } catch (CertificateException systemFailure) {
                bundleFailure.addSuppressed(systemFailure);
                throw bundleFailure;
            }
        }
    }

    private synchronized X509ExtendedTrustManager system() {
        if (system == null) {
            system = systemSource.get();
        }
        return system;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        firstBundle(manager -> manager.checkServerTrusted(chain, authType));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        firstBundle(manager -> manager.checkServerTrusted(chain, authType, socket));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        firstBundle(manager -> manager.checkServerTrusted(chain, authType, engine));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        firstBundle(manager -> manager.checkClientTrusted(chain, authType));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        firstBundle(manager -> manager.checkClientTrusted(chain, authType, socket));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        firstBundle(manager -> manager.checkClientTrusted(chain, authType, engine));
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return Stream.concat(Arrays.stream(bundle.getAcceptedIssuers()), Arrays.stream(system().getAcceptedIssuers()))
                .toArray(X509Certificate[]::new);
    }
}
