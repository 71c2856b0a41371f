package dev.vacme.client.acme;

import dev.vacme.client.InterruptedRunException;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The transport over {@code java.net.http}: one {@link HttpClient} per run, redirects not
 * followed (ACME resources are addressed exactly), an overall deadline on every request (headers
 * and body), a size limit on every answer, and the Vacme {@code User-Agent} and
 * {@code Accept-Language} on every request (RFC 8555 §6.1).
 */
public final class JdkTransport implements Transport {

    /** The most a certificate chain download may be. */
    static final long MAX_CHAIN_BYTES = 256 * 1024;
    /** The most any other answer (JSON, a problem document) may be. */
    static final long MAX_JSON_BYTES = 1024 * 1024;

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
        return exchange(request, builder.build());
    }

    /**
     * Sends the request and waits for the whole answer, at most the request timeout: the JDK's own
     * timeout ends when the headers arrive, so a server that trickles its body would otherwise hold
     * the run indefinitely.
     */
    private AcmeResponse exchange(AcmeRequest request, HttpRequest httpRequest) {
        AtomicReference<LimitedBody> body = new AtomicReference<>();
        long limit = limitFor(request);
        CompletableFuture<HttpResponse<byte[]>> pending = client().sendAsync(httpRequest, info -> {
            LimitedBody subscriber = new LimitedBody(limit, info.headers().firstValueAsLong("Content-Length")
                    .orElse(-1));
            body.set(subscriber);
            return subscriber;
        });
        try {
            HttpResponse<byte[]> response = pending.get(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return new AcmeResponse(request, response.statusCode(), response.headers().map(), response.body());
        } catch (TimeoutException e) {
            abandon(pending, body);
            throw timedOut(request, e);
        } catch (ExecutionException e) {
            throw failed(request, e.getCause(), limit);
        } catch (InterruptedException e) {
            abandon(pending, body);
            // Not re-interrupted: the run now stops and cleans up, which may send requests itself.
            throw new InterruptedRunException("during " + request.method() + " " + request.uri(), e);
        }
    }

    private AcmeException failed(AcmeRequest request, Throwable failure, long limit) {
        if (failure instanceof LimitedBody.TooLargeException) {
            return new AcmeProtocolException("the server's answer to " + request.method() + " " + request.uri()
                    + " is larger than " + describeSize(limit) + "; stopped reading it", failure);
        }
        if (failure instanceof HttpTimeoutException && !(failure instanceof HttpConnectTimeoutException)) {
            return timedOut(request, failure);
        }
        return new AcmeNetworkException("cannot reach " + request.uri() + ": "
                + NetworkFailure.describe(request.uri(), failure, settings.connectTimeout()), failure);
    }

    private AcmeNetworkException timedOut(AcmeRequest request, Throwable cause) {
        return new AcmeNetworkException(request.method() + " " + request.uri() + " timed out after "
                + NetworkFailure.seconds(settings.requestTimeout()), cause);
    }

    private static void abandon(CompletableFuture<?> pending, AtomicReference<LimitedBody> body) {
        pending.cancel(true);
        LimitedBody subscriber = body.get();
        if (subscriber != null) {
            subscriber.cancel();
        }
    }

    /** A certificate chain (RFC 8555 §7.4.2) is a few KB; every other ACME answer is small JSON. */
    static long limitFor(AcmeRequest request) {
        return "application/pem-certificate-chain".equals(request.accept()) ? MAX_CHAIN_BYTES : MAX_JSON_BYTES;
    }

    private static String describeSize(long bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MiB" : bytes / 1024 + " KiB";
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
}
