package dev.vacme.client.deploy;

import dev.vacme.client.ErrorText;
import dev.vacme.client.acme.Sleeper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Checks by TLS handshakes that endpoints serve a given certificate: the served leaf's SHA-256
 * fingerprint must equal the live certificate's. Trust is not checked (any chain is accepted):
 * the question is only which certificate is served, and a private CA's root need not be
 * installed where vacme runs. A web server that reloads gracefully keeps old workers serving for
 * a moment, so mismatches are retried until {@code patience} has passed.
 */
public final class ServedCertificateVerifier {

    /** How long one connection and handshake may take. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    /** How long to keep retrying a mismatch or a refused connection after a reload. */
    public static final Duration DEFAULT_PATIENCE = Duration.ofSeconds(10);
    private static final Duration RETRY_INTERVAL = Duration.ofMillis(200);

    private final Duration timeout;
    private final Duration patience;
    private final Clock clock;
    private final Sleeper sleeper;

    /** Creates the verifier. */
    public ServedCertificateVerifier(Duration timeout, Duration patience, Clock clock, Sleeper sleeper) {
        this.timeout = timeout;
        this.patience = patience;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /**
     * The result of checking one endpoint.
     *
     * @param endpoint where it connected
     * @param served   the served leaf's fingerprint, or null when no handshake succeeded
     * @param expected the live certificate's fingerprint
     * @param problem  why it does not match, in the operator's words, or null when it matches
     */
    public record Check(Endpoint endpoint, String served, String expected, String problem) {

        /** Returns true when the endpoint serves the expected certificate. */
        public boolean matches() {
            return problem == null;
        }
    }

    /**
     * Checks every endpoint, retrying those that do not match yet until the patience runs out.
     *
     * @param endpoints  where to connect
     * @param expected   the live certificate
     * @param expectedAt how the operator knows it, e.g. {@code live/a.test/cert.pem}
     * @return one check per endpoint, in order
     */
    public List<Check> verify(List<Endpoint> endpoints, X509Certificate expected, String expectedAt) {
        String want = fingerprint(expected);
        Instant deadline = clock.instant().plus(patience);
        // Bounded by attempts as well as by the clock, so a clock that does not move cannot loop forever.
        long attempts = 1 + patience.toMillis() / RETRY_INTERVAL.toMillis();
        List<Check> checks = checkAll(endpoints, want, expectedAt);
        for (long attempt = 1; attempt < attempts && checks.stream().anyMatch(c -> !c.matches())
                && clock.instant().isBefore(deadline); attempt++) {
            sleeper.sleep(RETRY_INTERVAL);
            checks = checkAll(endpoints, want, expectedAt);
        }
        return checks;
    }

    private List<Check> checkAll(List<Endpoint> endpoints, String want, String expectedAt) {
        List<Check> checks = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            checks.add(check(endpoint, want, expectedAt));
        }
        return checks;
    }

    /** Connects once and compares. */
    public Check check(Endpoint endpoint, String want, String expectedAt) {
        String served;
        try {
            served = fingerprint(servedLeaf(endpoint));
        } catch (IOException e) {
            return new Check(endpoint, null, want, endpoint.describe() + " could not be checked: "
                    + (ErrorText.of(e) == null ? "connection failed" : ErrorText.of(e)));
        }
        if (served.equals(want)) {
            return new Check(endpoint, served, want, null);
        }
        return new Check(endpoint, served, want, endpoint.describe() + " serves " + shortForm(served) + " but "
                + expectedAt + " is " + shortForm(want));
    }

    /** Performs a handshake and returns the served leaf. */
    X509Certificate servedLeaf(Endpoint endpoint) throws IOException {
        int millis = (int) timeout.toMillis();
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), millis);
            plain.setSoTimeout(millis);
            try (SSLSocket tls = (SSLSocket) trustAll().getSocketFactory()
                    .createSocket(plain, endpoint.host(), endpoint.port(), false)) {
                SSLParameters parameters = tls.getSSLParameters();
                parameters.setServerNames(endpoint.serverName().isEmpty() ? List.of()
                        : List.of(new SNIHostName(endpoint.serverName())));
                tls.setSSLParameters(parameters);
                tls.startHandshake();
                Certificate[] chain = tls.getSession().getPeerCertificates();
                if (chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
                    throw new IOException("the server sent no X.509 certificate");
                }
                return leaf;
            }
        }
    }

    /** Returns the SHA-256 fingerprint of a certificate, lower-case hex. */
    public static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint a certificate", e);
        }
    }

    /** Returns the first 8 bytes of a fingerprint as {@code AB:CD:...}, enough to tell certificates apart. */
    public static String shortForm(String fingerprint) {
        StringBuilder out = new StringBuilder("SHA-256 ");
        for (int i = 0; i < Math.min(16, fingerprint.length()); i += 2) {
            out.append(i == 0 ? "" : ":").append(fingerprint.substring(i, i + 2).toUpperCase(Locale.ROOT));
        }
        return out.toString();
    }

    private static SSLContext trustAll() throws IOException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new AcceptAnyCertificate()}, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("TLS is not available: " + ErrorText.of(e), e);
        }
    }

    /** Accepts any chain: the check compares the leaf, it does not judge trust. */
    private static final class AcceptAnyCertificate implements X509TrustManager {

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // Never a client here.
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // Accepted on purpose: only the fingerprint of the leaf matters.
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
