package dev.vacme.client.testing;

import dev.vacme.common.pki.KeyType;
import dev.vacme.common.pki.Pem;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A misbehaving HTTP(S) server on a free loopback port, as outside probes of the client used: it
 * reads each request's headers and then does whatever the test scripts (an endless body, a body one
 * byte at a time, a huge declared length...), on its own raw socket, so nothing in between is
 * polite on its behalf.
 */
public final class HostileServer implements AutoCloseable {

    /** What the server does once it has read a request's headers. */
    @FunctionalInterface
    public interface Answer {
        /** Answers the request whose request line is {@code requestLine}. */
        void answer(String requestLine, OutputStream out) throws IOException, InterruptedException;
    }

    private final ServerSocket socket;
    private final Answer answer;
    private final String scheme;
    private final AtomicLong bytesWritten = new AtomicLong();
    private final Thread acceptor;
    private X509Certificate certificate;

    private HostileServer(ServerSocket socket, String scheme, Answer answer) {
        this.socket = socket;
        this.scheme = scheme;
        this.answer = answer;
        this.acceptor = new Thread(this::accept, "hostile-server");
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    /** Starts a plain HTTP server. */
    public static HostileServer http(Answer answer) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return new HostileServer(socket, "http", answer);
    }

    /** Starts an HTTPS server with a self-signed certificate for 127.0.0.1, which nobody trusts. */
    public static HostileServer httpsSelfSigned(Answer answer) throws Exception {
        KeyPair keys = KeyType.EC_P256.generate();
        X509Certificate certificate = TestPki.loopbackTls(keys);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("tls", keys.getPrivate(), new char[0], new Certificate[] {certificate});
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(store, new char[0]);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), null, null);
        ServerSocket socket = context.getServerSocketFactory().createServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        HostileServer server = new HostileServer(socket, "https", answer);
        server.certificate = certificate;
        return server;
    }

    /** Writes the HTTPS certificate as a PEM file, for {@code --ca-bundle}, and returns the file. */
    public Path writeCertificate(Path file) throws IOException {
        Files.writeString(file, Pem.encodeCertificates(List.of(certificate)));
        return file;
    }

    /** Returns the URL of a path on this server. */
    public URI url(String path) {
        return URI.create(scheme + "://127.0.0.1:" + socket.getLocalPort() + path);
    }

    /** Returns how many bytes the answers wrote before the client stopped reading. */
    public long bytesWritten() {
        return bytesWritten.get();
    }

    /** Writes an HTTP/1.1 status line and headers, then a blank line. */
    public static void head(OutputStream out, int status, String... headers) throws IOException {
        StringBuilder text = new StringBuilder("HTTP/1.1 " + status + " X\r\n");
        for (String header : headers) {
            text.append(header).append("\r\n");
        }
        out.write(text.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                Thread worker = new Thread(() -> serve(connection), "hostile-connection");
                worker.setDaemon(true);
                worker.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            String requestLine = readHeaders(connection.getInputStream());
            answer.answer(requestLine, new CountingStream(connection.getOutputStream()));
        } catch (IOException e) {
            // the client hung up, which is what these tests expect it to do
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String readHeaders(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while (matched < 4 && (b = in.read()) >= 0) {
            head.write(b);
            matched = (b == '\r' || b == '\n') ? matched + 1 : 0;
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        int end = text.indexOf('\r');
        return end < 0 ? text : text.substring(0, end);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private final class CountingStream extends OutputStream {
        private final OutputStream out;

        CountingStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            bytesWritten.incrementAndGet();
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            bytesWritten.addAndGet(len);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }
    }
}
