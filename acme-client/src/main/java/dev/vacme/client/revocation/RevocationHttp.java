package dev.vacme.client.revocation;

import dev.vacme.client.InterruptedRunException;
import dev.vacme.client.acme.LimitedBody;
import dev.vacme.client.acme.NetworkFailure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Plain HTTP for OCSP (RFC 6960 Appendix A.1, POST) and CRL downloads (RFC 5280 §4.2.1.13, GET),
 * with one deadline for the whole exchange, body included, and a size cap: a slow or hostile
 * responder costs at most the deadline and the cap. Redirects are followed (not from https to http).
 */
final class RevocationHttp {

    /** A failed exchange, said in words. */
    static final class FetchException extends Exception {
        private static final long serialVersionUID = 1L;

        FetchException(String message) {
            super(message);
        }
    }

    private final String userAgent;
    private HttpClient client;

    RevocationHttp(String userAgent) {
        this.userAgent = userAgent;
    }

    /** POSTs an OCSP request and returns the answer's body. */
    byte[] postOcsp(URI url, byte[] request, Duration timeout, long limit) throws FetchException {
        return exchange(HttpRequest.newBuilder(url)
                .header("Content-Type", "application/ocsp-request")
                .header("Accept", "application/ocsp-response")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request)), url, "the OCSP responder " + url, timeout,
                limit);
    }

    /** GETs a CRL and returns its body (DER, or PEM from some servers). */
    byte[] get(URI url, Duration timeout, long limit) throws FetchException {
        return exchange(HttpRequest.newBuilder(url).GET(), url, "the CRL " + url, timeout, limit);
    }

    private byte[] exchange(HttpRequest.Builder builder, URI url, String what, Duration timeout, long limit)
            throws FetchException {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new FetchException("no time was left to ask " + what);
        }
        HttpRequest request;
        try {
            request = builder.timeout(timeout).header("User-Agent", userAgent).build();
        } catch (IllegalArgumentException e) {
            throw new FetchException(what + " is not a URL vacme can ask");
        }
        AtomicReference<LimitedBody> body = new AtomicReference<>();
        CompletableFuture<HttpResponse<byte[]>> pending = client(timeout).sendAsync(request, info -> {
            LimitedBody subscriber = new LimitedBody(limit, info.headers().firstValueAsLong("Content-Length")
                    .orElse(-1));
            body.set(subscriber);
            return subscriber;
        });
        try {
            HttpResponse<byte[]> response = pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (response.statusCode() != 200) {
                throw new FetchException(what + " answered HTTP " + response.statusCode());
            }
            return response.body();
        } catch (TimeoutException e) {
            abandon(pending, body);
            throw new FetchException(what + " did not answer within " + NetworkFailure.seconds(timeout));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof LimitedBody.TooLargeException) {
                throw new FetchException("the answer of " + what + " is larger than " + limit / 1024
                        + " KiB; stopped reading it");
            }
            if (cause instanceof HttpTimeoutException && !(cause instanceof HttpConnectTimeoutException)) {
                throw new FetchException(what + " did not answer within " + NetworkFailure.seconds(timeout));
            }
            throw new FetchException("cannot reach " + what + ": " + NetworkFailure.describe(url, cause, timeout));
        } catch (InterruptedException e) {
            abandon(pending, body);
            throw new InterruptedRunException("while asking " + url + " for revocation status", e);
        }
    }

    private synchronized HttpClient client(Duration timeout) {
        if (client == null) {
            client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL)
                    .build();
        }
        return client;
    }

    private static void abandon(CompletableFuture<?> pending, AtomicReference<LimitedBody> body) {
        pending.cancel(true);
        LimitedBody subscriber = body.get();
        if (subscriber != null) {
            subscriber.cancel();
        }
    }
}
