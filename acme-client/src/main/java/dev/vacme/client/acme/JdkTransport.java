package dev.vacme.client.acme;

import dev.vacme.client.InterruptedRunException;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * The transport over {@code java.net.http}: one {@link HttpClient} per run, redirects not
 * followed (ACME resources are addressed exactly), a timeout on every request, the Vacme
 * {@code User-Agent} and {@code Accept-Language} on every request (RFC 8555 §6.1).
 */
public final class JdkTransport implements Transport {

    private final TransportSettings settings;
    private HttpClient client;

    /** Creates the transport; the HTTP client and its TLS context are built on first use. */
    public JdkTransport(TransportSettings settings) {
        this.settings = settings;
    }

    @Override
    public AcmeResponse send(AcmeRequest request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri())
                .timeout(settings.requestTimeout())
                .header("User-Agent", settings.userAgent())
                .header("Accept-Language", "en");
        if (request.accept() != null) {
            builder.header("Accept", request.accept());
        }
        if (request.body() != null) {
            builder.header("Content-Type", request.contentType());
            builder.method(request.method(), HttpRequest.BodyPublishers.ofByteArray(request.body()));
        } else {
            builder.method(request.method(), HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<byte[]> response = client().send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new AcmeResponse(request, response.statusCode(), response.headers().map(), response.body());
        } catch (HttpTimeoutException e) {
            throw new AcmeNetworkException(request.method() + " " + request.uri() + " timed out after "
                    + describe(settings.requestTimeout()), e);
        } catch (IOException e) {
            throw new AcmeNetworkException("cannot reach " + request.uri() + ": " + describe(e), e);
        } catch (InterruptedException e) {
            // Not re-interrupted: the run now stops and cleans up, which may send requests itself.
            throw new InterruptedRunException("during " + request.method() + " " + request.uri(), e);
        }
    }

    private synchronized HttpClient client() {
        if (client == null) {
            client = HttpClient.newBuilder()
                    .connectTimeout(settings.connectTimeout())
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .sslContext(TrustAnchors.sslContext(settings.caBundles()))
                    .build();
        }
        return client;
    }

    private static String describe(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        Throwable cause = e.getCause();
        if ((message == null || message.isBlank()) && cause != null) {
            message = cause.getMessage();
        }
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
