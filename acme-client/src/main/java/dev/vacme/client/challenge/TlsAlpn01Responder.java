package dev.vacme.client.challenge;

import dev.vacme.client.ErrorText;
import dev.vacme.common.challenge.KeyAuthorizations;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Answers tls-alpn-01 (RFC 8737) with a TLS listener that speaks only ALPN {@code acme-tls/1}
 * and presents, for each SNI name being validated, its own self-signed validation certificate.
 * It listens from {@link #start} until {@link #close}; connections are handshaken and closed,
 * as §3 asks ("the ACME server MUST NOT send application data").
 */
final class TlsAlpn01Responder implements AutoCloseable {

    private final String address;
    private final int port;
    private final Consumer<String> log;
    private final Map<String, TlsAlpn01Certificates.Issued> byServerName = new ConcurrentHashMap<>();
    private SSLServerSocket socket;
    private Thread acceptor;

    /**
     * Creates the responder.
     *
     * @param address the address to listen on; empty for all addresses
     * @param port    the port to listen on (443 unless the server validates elsewhere)
     * @param log     where verbose messages go
     */
    TlsAlpn01Responder(String address, int port, Consumer<String> log) {
        this.address = address == null ? "" : address;
        this.port = port;
        this.log = log;
    }

    /**
     * Creates the validation certificates and starts listening.
     *
     * @throws AuthenticatorException when the port cannot be bound
     */
    void start(List<ChallengeTask> tasks) {
        SecureRandom random = new SecureRandom();
        tasks.forEach(task -> byServerName.put(TlsAlpn01Certificates.serverName(task),
                TlsAlpn01Certificates.create(task, random)));
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {new BySniKeyManager()}, null, random);
            socket = (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setApplicationProtocols(new String[] {KeyAuthorizations.ACME_TLS_ALPN_PROTOCOL});
            socket.setSSLParameters(parameters);
            socket.setReuseAddress(true);
            socket.bind(address.isEmpty() ? new InetSocketAddress(port)
                    : new InetSocketAddress(InetAddress.getByName(address), port), 16);
        } catch (BindException e) {
            close();
            throw new AuthenticatorException("cannot listen on " + describe() + " for tls-alpn-01: "
                    + ErrorText.of(e) + "; is a web server running there? Use --preferred-challenges http, or"
                    + " stop it with --pre-hook and start it again with --post-hook", e);
        } catch (IOException | GeneralSecurityException e) {
            close();
            throw new AuthenticatorException("cannot listen on " + describe() + ": " + ErrorText.of(e), e);
        }
        acceptor = new Thread(this::acceptLoop, "vacme-tls-alpn-01");
        acceptor.setDaemon(true);
        acceptor.start();
        log.accept("answering tls-alpn-01 on " + describe() + " for " + tasks.size() + " challenge(s)");
    }

    /** Returns the port listened on (the bound one, when {@code 0} was asked for). */
    int localPort() {
        return socket == null ? port : socket.getLocalPort();
    }

    /** Stops listening; idempotent. */
    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                log.accept("closing the tls-alpn-01 listener on " + describe() + ": " + ErrorText.of(e));
            }
            socket = null;
        }
        if (acceptor != null) {
            acceptor.interrupt();
            acceptor = null;
        }
        byServerName.clear();
    }

    private void acceptLoop() {
        SSLServerSocket listening = socket;
        while (listening != null && !listening.isClosed()) {
            try (SSLSocket connection = (SSLSocket) listening.accept()) {
                connection.setSoTimeout(10_000);
                answer(connection);
            } catch (SocketException e) {
                return; // closed by close()
            } catch (IOException e) {
                log.accept("tls-alpn-01 connection failed: " + ErrorText.of(e));
            }
        }
    }

    private void answer(SSLSocket connection) {
        try {
            connection.startHandshake();
            log.accept("answered tls-alpn-01 for " + requestedName(connection.getSession()) + " to "
                    + connection.getRemoteSocketAddress());
        } catch (IOException e) {
            log.accept("tls-alpn-01 handshake with " + connection.getRemoteSocketAddress() + " failed: "
                    + ErrorText.of(e));
        }
    }

    private static String requestedName(SSLSession session) {
        if (!(session instanceof ExtendedSSLSession extended)) {
            return null;
        }
        for (SNIServerName name : extended.getRequestedServerNames()) {
            if (name instanceof SNIHostName host) {
                return host.getAsciiName().toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }

    private String describe() {
        return (address.isEmpty() ? "*" : address) + ":" + port;
    }

    /** Chooses the validation certificate by the SNI name of the handshake; none without SNI. */
    private final class BySniKeyManager extends X509ExtendedKeyManager {

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket connection) {
            return connection instanceof SSLSocket ssl ? alias(keyType, ssl.getHandshakeSession()) : null;
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            return alias(keyType, engine.getHandshakeSession());
        }

        private String alias(String keyType, SSLSession session) {
            String name = requestedName(session);
            return "EC".equals(keyType) && name != null && byServerName.containsKey(name) ? name : null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            TlsAlpn01Certificates.Issued issued = byServerName.get(alias);
            return issued == null ? null : new X509Certificate[] {issued.certificate()};
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            TlsAlpn01Certificates.Issued issued = byServerName.get(alias);
            return issued == null ? null : issued.keys().getPrivate();
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return "EC".equals(keyType) ? byServerName.keySet().toArray(String[]::new) : null;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket connection) {
            return null;
        }
    }
}
