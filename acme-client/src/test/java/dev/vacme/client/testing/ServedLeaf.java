package dev.vacme.client.testing;

import dev.vacme.common.pki.Pem;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** The tests' own TLS handshake: which leaf certificate does HOST:PORT serve for a name? */
public final class ServedLeaf {

    private ServedLeaf() {
    }

    /** Returns the leaf served at 127.0.0.1:port for the SNI name. */
    public static X509Certificate at(int port, String sni) throws IOException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new AnyChain()}, null);
            try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
                socket.setSoTimeout(5000);
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setServerNames(List.of(new SNIHostName(sni)));
                socket.setSSLParameters(parameters);
                socket.startHandshake();
                return (X509Certificate) socket.getSession().getPeerCertificates()[0];
            }
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    /** Returns the certificate of a PEM file (the first one). */
    public static X509Certificate read(Path pem) throws IOException {
        return Pem.readCertificate(Files.readString(pem));
    }

    /** Trusts any chain: the tests compare the leaf itself. */
    private static final class AnyChain implements X509TrustManager {

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // Not used by a client.
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // The test compares the leaf.
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
