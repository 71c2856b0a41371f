package dev.vacme.client.deploy.apache;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Fetches an http-01 response the way a validation server does, but from here: a plain HTTP/1.0
 * request to the VirtualHost's address with the name in {@code Host}, so that vacme knows Apache
 * serves the response before it asks the ACME server to validate.
 */
final class ChallengeProbe {

    private static final int TIMEOUT_MILLIS = 3000;
    private static final int MAX_BODY = 8192;

    private ChallengeProbe() {
    }

    /**
     * Returns the body served for a path, or null when the status is not 200.
     *
     * @throws IOException when no HTTP answer comes
     */
    static String fetch(String host, int port, String hostHeader, String path) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.0\r\nHost: " + hostHeader + "\r\nUser-Agent: vacme\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String response = read(socket.getInputStream());
            int headerEnd = response.indexOf("\r\n\r\n");
            if (!response.startsWith("HTTP/") || headerEnd < 0) {
                throw new IOException("no HTTP response");
            }
            String status = response.substring(0, response.indexOf("\r\n"));
            return status.split(" ").length > 1 && status.split(" ")[1].equals("200")
                    ? response.substring(headerEnd + 4) : null;
        }
    }

    private static String read(InputStream in) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        byte[] chunk = new byte[1024];
        for (int n = in.read(chunk); n >= 0 && buffer.size() < MAX_BODY; n = in.read(chunk)) {
            buffer.write(chunk, 0, n);
        }
        return buffer.toString(StandardCharsets.ISO_8859_1);
    }
}
