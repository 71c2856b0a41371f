package dev.vacme.server.wfe;

import dev.vacme.server.ca.Issuers;
import dev.vacme.server.ca.status.CrlPublisher;
import dev.vacme.server.ca.status.OcspReply;
import dev.vacme.server.ca.status.OcspResponder;
import dev.vacme.server.store.StoredCrl;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The routes of the plain-HTTP PKI listener, where relying parties check certificates (RFC 5280
 * and RFC 6960 clients fetch over plain HTTP; the contents are signed):
 * {@code GET /crl/<issuer-id>.crl} the issuer's current full CRL ({@code application/pkix-crl}),
 * {@code GET /issuer/<issuer-id>.der} the issuer certificate ({@code application/pkix-cert}),
 * {@code POST /ocsp} and {@code GET /ocsp/<base64 request>} the OCSP responder (RFC 6960
 * Appendix A). HEAD works wherever GET does; other methods get 405.
 */
public final class PkiResource {

    private static final String OCSP_RESPONSE = "application/ocsp-response";
    /** An OCSP request for one certificate is about 100 bytes; a few certificates and a nonce fit. */
    private static final int MAX_OCSP_REQUEST = 8192;
    /** HTTP caches may keep a CRL this long, so that a new one reaches clients behind them soon. */
    private static final Duration CRL_MAX_AGE = Duration.ofMinutes(1);

    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", java.util.Locale.US);

    private final Supplier<Issuers> issuers;
    private final CrlPublisher crls;
    private final OcspResponder ocsp;
    private final Clock clock;

    /** Serves the CRLs, issuer certificates and OCSP answers of these issuers. */
    public PkiResource(Supplier<Issuers> issuers, CrlPublisher crls, OcspResponder ocsp, Clock clock) {
        this.issuers = issuers;
        this.crls = crls;
        this.ocsp = ocsp;
        this.clock = clock;
    }

    /** Builds the PKI listener's router. */
    public Router router(Vertx vertx) {
        Router router = Router.router(vertx);
        router.route("/crl/:file").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(this::crl);
        router.route("/issuer/:file").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(this::issuer);
        router.route("/ocsp").method(HttpMethod.POST)
                .handler(BodyHandler.create(false).setBodyLimit(MAX_OCSP_REQUEST))
                .handler(ctx -> answerOcsp(ctx, ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes()));
        router.routeWithRegex("/ocsp/.+").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(this::ocspGet);
        return router;
    }

    private void crl(RoutingContext ctx) {
        Optional<String> id = issuerId(ctx.pathParam("file"), ".crl");
        if (id.isEmpty()) {
            notFound(ctx);
            return;
        }
        Optional<StoredCrl> crl = crls.current(id.get());
        if (crl.isEmpty()) {
            ctx.response().setStatusCode(503).putHeader(HttpHeaders.RETRY_AFTER, "5")
                    .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8").end("the CRL is being generated\n");
            return;
        }
        StoredCrl current = crl.get();
        long untilNext = Duration.between(clock.instant(), current.nextUpdate()).toSeconds();
        long maxAge = Math.max(0, Math.min(CRL_MAX_AGE.toSeconds(), untilNext));
        String etag = "\"" + id.get() + "-" + current.number() + "\"";
        HttpServerResponse response = ctx.response()
                .putHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=" + maxAge + ", no-transform")
                .putHeader(HttpHeaders.ETAG, etag)
                .putHeader(HttpHeaders.LAST_MODIFIED, httpDate(current.thisUpdate()))
                .putHeader(HttpHeaders.EXPIRES, httpDate(current.nextUpdate()));
        if (etag.equals(ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH))) {
            response.setStatusCode(304).end();
            return;
        }
        send(ctx, "application/pkix-crl", current.der());
    }

    private void issuer(RoutingContext ctx) {
        Optional<byte[]> der = issuerId(ctx.pathParam("file"), ".der").flatMap(id -> issuers.get().byId(id)).map(source -> {
            try {
                return source.issuer().getEncoded();
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException("cannot encode the issuer certificate", e);
            }
        });
        if (der.isEmpty()) {
            notFound(ctx);
            return;
        }
        ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=86400");
        send(ctx, "application/pkix-cert", der.get());
    }

    /** RFC 6960 Appendix A.1: GET {url}/{url-encoding of base-64 encoding of the DER request}. */
    private void ocspGet(RoutingContext ctx) {
        String raw = ctx.request().path().substring("/ocsp/".length());
        byte[] request;
        try {
            // '+' is a base64 character here, not an encoded space.
            String base64 = URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8).replaceAll("\\s", "");
            request = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            request = new byte[0];
        }
        answerOcsp(ctx, request);
    }

    private void answerOcsp(RoutingContext ctx, byte[] request) {
        ocsp.respond(request).onComplete(done -> {
            OcspReply reply = done.succeeded() ? done.result() : null;
            if (reply == null) {
                ctx.response().setStatusCode(500).end();
                return;
            }
            HttpServerResponse response = ctx.response();
            if (reply.cacheable()) {
                long maxAge = Math.max(0, Duration.between(clock.instant(), reply.nextUpdate().orElseThrow()).toSeconds());
                response.putHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=" + maxAge + ", no-transform, must-revalidate")
                        .putHeader(HttpHeaders.LAST_MODIFIED, httpDate(reply.thisUpdate().orElseThrow()))
                        .putHeader(HttpHeaders.EXPIRES, httpDate(reply.nextUpdate().orElseThrow()))
                        .putHeader(HttpHeaders.ETAG, reply.etag().orElseThrow());
                if (reply.etag().get().equals(ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH))) {
                    response.setStatusCode(304).end();
                    return;
                }
            } else {
                response.putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
            }
            send(ctx, OCSP_RESPONSE, reply.der());
        });
    }

    /** The issuer id of a file name such as {@code <id>.crl}, when it names one of our issuers. */
    private Optional<String> issuerId(String file, String suffix) {
        if (file == null || !file.endsWith(suffix)) {
            return Optional.empty();
        }
        String id = file.substring(0, file.length() - suffix.length());
        return issuers.get().byId(id).map(source -> id);
    }

    /** Ends the response with a body, or for HEAD with only the headers GET would have. */
    private static void send(RoutingContext ctx, String contentType, byte[] body) {
        HttpServerResponse response = ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, contentType);
        if (ctx.request().method() == HttpMethod.HEAD) {
            response.putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(body.length)).end();
        } else {
            response.end(Buffer.buffer(body));
        }
    }

    private static void notFound(RoutingContext ctx) {
        ctx.response().setStatusCode(404).putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
                .end("no such issuer\n");
    }

    /** The IMF-fixdate of RFC 9110 §5.6.7 (two-digit day, unlike RFC_1123_DATE_TIME). */
    private static String httpDate(Instant instant) {
        return HTTP_DATE.format(instant.atOffset(ZoneOffset.UTC));
    }
}
