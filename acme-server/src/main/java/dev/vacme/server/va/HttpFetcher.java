package dev.vacme.server.va;

import dev.vacme.common.VacmeVersion;
import dev.vacme.common.problem.ProblemType;
import dev.vacme.server.AcmeProblemException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Sends one HTTP-01 GET to one chosen address and reads a bounded answer, with Vert.x's
 * non-blocking client. The client connects to the address given, never to what the URL's host
 * resolves to, so the address policy cannot be bypassed; it uses no proxy, no keep-alive (each
 * validation gets fresh connections), no compression, and on an https redirect it neither
 * verifies the certificate nor the host name, but sends the host name as SNI (as Boulder does:
 * HTTP-01 proves control through the HTTP content, not through TLS).
 */
final class HttpFetcher {

    /** The User-Agent of validation requests. */
    static final String USER_AGENT = "Vacme-VA/" + VacmeVersion.get() + " (ACME HTTP-01 validation; RFC 8555)";

    private final HttpClientAgent client;
    private final int maxBodyBytes;

    HttpFetcher(Vertx vertx, int maxConnections, int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                        .setKeepAlive(false)
                        .setTrustAll(true)
                        .setVerifyHost(false)
                        .setForceSni(true)
                        .setDecompressionSupported(false)
                        .setName("vacme-va-http01"),
                new PoolOptions().setHttp1MaxSize(maxConnections));
    }

    /**
     * Connects to {@code address} for the target; the future fails with a {@code connection} or
     * {@code tls} problem when no connection could be made. Errors on the connection later reach
     * the request or response, so the connection itself does not log them: a hostile server must
     * not be able to fill the CA's log.
     */
    Future<HttpClientRequest> connect(HttpTarget target, InetAddress address, long connectTimeoutMillis) {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setServer(SocketAddress.inetSocketAddress(new InetSocketAddress(address, target.port())))
                .setHost(target.host())
                .setPort(target.port())
                .setSsl(target.https())
                .setURI(target.pathAndQuery())
                .setFollowRedirects(false)
                .setConnectTimeout(Math.max(1, connectTimeoutMillis))
                .putHeader(HttpHeaders.HOST, target.authority())
                .putHeader(HttpHeaders.USER_AGENT, USER_AGENT)
                .putHeader(HttpHeaders.ACCEPT, "*/*");
        return client.request(options)
                .onSuccess(request -> request.connection().exceptionHandler(reportedToTheRequest -> { }))
                .recover(error -> Future.failedFuture(
                        NetworkErrors.problem(AddressFormat.text(address), target.url(), error)));
    }

    /**
     * Sends the request and reads the answer: for a 200 the body, up to the limit; for any other
     * status only the status and {@code Location}, and the connection is dropped. A body over
     * the limit fails with {@code unauthorized} as soon as the limit is passed.
     */
    Future<FetchedResponse> exchange(HttpClientRequest request, HttpTarget target, InetAddress address) {
        String where = AddressFormat.text(address);
        return request.send().transform(sent -> sent.succeeded()
                ? read(request, sent.result(), target, where)
                : Future.failedFuture(NetworkErrors.problem(where, target.url(), sent.cause())));
    }

    /** Closes the client; closing Vert.x does it too. */
    Future<Void> close() {
        return client.close();
    }

    private Future<FetchedResponse> read(HttpClientRequest request, HttpClientResponse response, HttpTarget target,
            String where) {
        if (response.statusCode() != 200) {
            String location = response.getHeader(HttpHeaders.LOCATION);
            drop(request, response);
            return Future.succeededFuture(new FetchedResponse(response.statusCode(), location, new byte[0]));
        }
        if (declaredLength(response) > maxBodyBytes) {
            drop(request, response);
            return Future.failedFuture(tooLarge(target, where));
        }
        Promise<FetchedResponse> promise = Promise.promise();
        Buffer body = Buffer.buffer();
        response.handler(chunk -> {
            if (body.length() + chunk.length() > maxBodyBytes) {
                promise.tryFail(tooLarge(target, where));
                request.reset();
            } else {
                body.appendBuffer(chunk);
            }
        });
        response.exceptionHandler(error -> promise.tryFail(NetworkErrors.problem(where, target.url(), error)));
        response.endHandler(end -> promise.tryComplete(new FetchedResponse(200, null, body.getBytes())));
        return promise.future();
    }

    /** Drops the connection without reading the body; the reset this causes is expected, not an error to log. */
    private static void drop(HttpClientRequest request, HttpClientResponse response) {
        response.exceptionHandler(expected -> { });
        request.reset();
    }

    private static long declaredLength(HttpClientResponse response) {
        String length = response.getHeader(HttpHeaders.CONTENT_LENGTH);
        try {
            return length == null ? -1 : Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private AcmeProblemException tooLarge(HttpTarget target, String where) {
        return AcmeProblemException.of(ProblemType.UNAUTHORIZED, where + ": Invalid response from " + target.url()
                + ": the body is larger than " + maxBodyBytes + " bytes (a key authorization is far shorter)");
    }
}
