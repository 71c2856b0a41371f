package dev.vacme.server.va;

import dev.vacme.common.problem.ProblemType;
import dev.vacme.server.AcmeProblemException;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.StreamResetException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Turns the exceptions of a failed fetch into the problem a client can act on: {@code tls} for
 * a failed TLS handshake (only on an https redirect), {@code connection} for everything else.
 * Exception messages are not copied, since they can carry internals of this server; each
 * detail names the address and URL and says what went wrong in plain words.
 */
final class NetworkErrors {

    private NetworkErrors() {
    }

    /** Returns the problem for an error while connecting to or talking with {@code address} about {@code url}. */
    static AcmeProblemException problem(String address, String url, Throwable error) {
        if (error instanceof AcmeProblemException problem) {
            return problem;
        }
        ProblemType type = hasCause(error, SSLException.class) ? ProblemType.TLS : ProblemType.CONNECTION;
        return AcmeProblemException.of(type, address + ": Fetching " + url + ": " + describe(error));
    }

    /** Describes the error in plain words, without its message. */
    static String describe(Throwable error) {
        String message = error.getMessage() == null ? "" : error.getMessage().toLowerCase(Locale.ROOT);
        if (error instanceof io.netty.channel.ConnectTimeoutException) {
            return "Timeout during connect (likely a firewall problem)";
        }
        if (hasCause(error, SSLException.class)) {
            return "TLS handshake failed";
        }
        if (error instanceof NoRouteToHostException || message.contains("no route to host")) {
            return "No route to host";
        }
        if (message.contains("network is unreachable") || message.contains("cannot assign requested address")) {
            return "Network unreachable";
        }
        if (error instanceof ConnectException && message.contains("refused")) {
            return "Connection refused";
        }
        if (error instanceof ConnectException) {
            return "Could not connect";
        }
        if (error instanceof TimeoutException) {
            return "Timeout after connect (the server did not answer in time)";
        }
        if (error instanceof StreamResetException || message.contains("connection reset")) {
            return "Connection reset by peer";
        }
        if (error instanceof HttpClosedException) {
            return "The connection was closed before a complete response was received";
        }
        if (error instanceof IOException) {
            return "Network error";
        }
        return "The server did not send a valid HTTP response";
    }

    private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
