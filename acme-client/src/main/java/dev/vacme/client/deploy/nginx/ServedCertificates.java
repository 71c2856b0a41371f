package dev.vacme.client.deploy.nginx;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Asks a TLS server which certificate it serves for a name: one handshake with the name as SNI,
 * and the SHA-256 fingerprint of the leaf it presents. The chain is not validated (the point is
 * to compare the leaf with the one just installed, whoever issued it).
 */
public final class ServedCertificates {

    private static final int TIMEOUT_MILLIS = 5_000;

    private ServedCertificates() {
    }

    /**
     * Returns the fingerprint of the leaf served for a name, or empty when no handshake was
     * possible (nothing listening, no TLS, no certificate for the name).
     *
     * @param host where to connect
     * @param port the TLS port
     * @param sni  the name to ask for
     */
    public static Optional<String> fingerprint(String host, int port, String sni) {
        try (SSLSocket socket = (SSLSocket) trustingContext().getSocketFactory().createSocket()) {
            socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName(sni)));
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            Certificate[] chain = socket.getSession().getPeerCertificates();
            return Optional.of(fingerprint((X509Certificate) chain[0]));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Returns the SHA-256 fingerprint of a certificate, lower-case hex. */
    public static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot hash a certificate", e);
        }
    }

    private static SSLContext trustingContext() throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new AcceptAll()}, null);
        return context;
    }

    /** Accepts any server certificate: the fingerprint is compared afterwards, nothing is sent. */
    private static final class AcceptAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // Never a server here.
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // Compared by fingerprint by the caller.
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
