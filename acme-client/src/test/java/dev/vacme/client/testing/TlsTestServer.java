package dev.vacme.client.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.function.Supplier;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A TLS server on a free loopback port that serves, at each handshake, whatever key entry its
 * supplier returns then (e.g. read from a keystore file an installer writes), so a test can check
 * what an installed keystore would serve.
 */
public final class TlsTestServer implements AutoCloseable {

    /**
     * The key and chain to serve.
     *
     * @param key   the private key
     * @param chain the chain, leaf first
     */
    public record Entry(PrivateKey key, X509Certificate[] chain) {
    }

    private final SSLServerSocket socket;
    private final Thread acceptor;

    private TlsTestServer(SSLServerSocket socket) {
        this.socket = socket;
        this.acceptor = new Thread(this::accept, "tls-test-server");
        this.acceptor.setDaemon(true);
    }

    /** Starts serving the entry the supplier returns at each handshake. */
    public static TlsTestServer start(Supplier<Entry> entries) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(new KeyManager[] {new SuppliedKeyManager(entries)}, null, null);
        SSLServerSocket socket = (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        TlsTestServer server = new TlsTestServer(socket);
        server.acceptor.start();
        return server;
    }

    /** Returns a supplier reading the entry {@code alias} from a keystore file at each call. */
    public static Supplier<Entry> fromKeystore(java.nio.file.Path file, String type, char[] password, String alias) {
        return () -> {
            try (var in = java.nio.file.Files.newInputStream(file)) {
                KeyStore keystore = KeyStore.getInstance(type);
                keystore.load(in, password);
                java.security.cert.Certificate[] chain = keystore.getCertificateChain(alias);
                X509Certificate[] x509 = new X509Certificate[chain.length];
                for (int i = 0; i < chain.length; i++) {
                    x509[i] = (X509Certificate) chain[i];
                }
                return new Entry((PrivateKey) keystore.getKey(alias, password), x509);
            } catch (Exception e) {
                throw new IllegalStateException("cannot read " + file, e);
            }
        };
    }

    /** Returns the port. */
    public int port() {
        return socket.getLocalPort();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                ((SSLSocket) client).startHandshake();
            } catch (IOException e) {
                // A client that gives up mid-handshake, or the socket closing: serve the next one.
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** Hands out the supplied entry under one alias. */
    private static final class SuppliedKeyManager extends X509ExtendedKeyManager {

        private static final String ALIAS = "served";
        private final Supplier<Entry> entries;
        private volatile Entry current;

        SuppliedKeyManager(Supplier<Entry> entries) {
            this.entries = entries;
        }

        @Override
        public String chooseEngineServerAlias(String keyType, java.security.Principal[] issuers,
                javax.net.ssl.SSLEngine engine) {
            return choose(keyType);
        }

        @Override
        public String chooseServerAlias(String keyType, java.security.Principal[] issuers, Socket socket) {
            return choose(keyType);
        }

        private String choose(String keyType) {
            current = entries.get();
            return current.key().getAlgorithm().equals(keyType) ? ALIAS : null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return current.chain();
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return current.key();
        }

        @Override
        public String[] getClientAliases(String keyType, java.security.Principal[] issuers) {
            return new String[0];
        }

        @Override
        public String chooseClientAlias(String[] keyType, java.security.Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public String[] getServerAliases(String keyType, java.security.Principal[] issuers) {
            return new String[] {ALIAS};
        }
    }
}
