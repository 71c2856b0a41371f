package dev.vacme.client.acme;

import dev.vacme.client.ErrorText;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.time.Duration;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * Says in words why a request got no answer: the JDK's HTTP client reports a refused connection,
 * an unknown host and an untrusted certificate as nested exceptions whose messages are empty or
 * name internal classes, none of which tells an operator what to do.
 */
public final class NetworkFailure {

    /** What an untrusted server certificate means, and what to do about it. */
    static final String UNTRUSTED = "the server's certificate is not trusted by this machine; give the CA's root"
            + " with --ca-bundle FILE";

    private NetworkFailure() {
    }

    /**
     * Describes why {@code uri} could not be reached.
     *
     * @param connectTimeout the connect timeout, named when it expired
     */
    public static String describe(URI uri, Throwable failure, Duration connectTimeout) {
        if (has(failure, UnresolvedAddressException.class) || has(failure, UnknownHostException.class)) {
            return "no such host " + uri.getHost();
        }
        if (has(failure, HttpConnectTimeoutException.class)) {
            return "connection timed out after " + seconds(connectTimeout);
        }
        if (has(failure, CertificateExpiredException.class) || has(failure, CertificateNotYetValidException.class)) {
            return "the server's certificate has expired or is not yet valid";
        }
        if (has(failure, CertPathBuilderException.class) || has(failure, CertPathValidatorException.class)) {
            return UNTRUSTED;
        }
        String text = text(failure);
        if (has(failure, SSLException.class)) {
            if (text.startsWith("No subject alternative") || text.startsWith("No name matching")) {
                return "the server's certificate is not valid for " + uri.getHost();
            }
            return "the TLS handshake failed" + (text.isEmpty() ? "" : ": " + text);
        }
        if (has(failure, NoRouteToHostException.class)) {
            return "no route to host " + uri.getHost();
        }
        if (has(failure, ConnectException.class)) {
            // The JDK client reports a refused connection as a ConnectException without a message.
            return text.isEmpty() ? "connection refused" : text.toLowerCase(Locale.ROOT);
        }
        if (text.contains("header parser received no bytes") || text.contains("EOF reached")) {
            return "the server closed the connection without answering";
        }
        return text.isEmpty() ? "the connection failed" : text;
    }

    /** Returns a duration as "30 s", or "300 ms" when not whole seconds. */
    public static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private static boolean has(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** The innermost message with text, with any Java class names taken out. */
    private static String text(Throwable failure) {
        String found = "";
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                found = t.getMessage();
            }
        }
        return ErrorText.withoutClassNames(found);
    }
}
