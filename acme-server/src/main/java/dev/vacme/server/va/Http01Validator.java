package dev.vacme.server.va;

import dev.vacme.common.problem.ProblemType;
import dev.vacme.server.AcmeProblemException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientRequest;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * HTTP-01 validation (RFC 8555 §8.3): GET
 * {@code http://{identifier}:{http01Port}/.well-known/acme-challenge/{token}} and compare the
 * body, trailing whitespace ignored, with the key authorization.
 *
 * <p>The host is resolved by the {@link HostResolver} (IP identifiers, RFC 8738, skip that), the
 * addresses the {@link AddressPolicy} refuses are dropped, and the client connects to the first
 * remaining IPv6 address, falling back to the first IPv4 address only when no connection could
 * be made (as Boulder does); when both exist, IPv6 gets half the remaining time to connect.
 *
 * <p>Redirects (301, 302, 303, 307, 308) are followed by hand, at most
 * {@link ValidationSettings#maxRedirects()}: http or https only, ports 80, 443 or the HTTP-01
 * port, and each target host resolved and checked against the address policy again. A redirect
 * that breaks a rule, or one too many, fails with {@code connection}: the validation could not
 * reach a place it may fetch from (Boulder answers the same).
 *
 * <p>The whole validation, redirects included, must finish within
 * {@link ValidationSettings#timeout()}; when time is up the open connection is dropped.
 */
public final class Http01Validator implements ChallengeValidator {

    /** The challenge type. */
    public static final String TYPE = "http-01";

    private final Vertx vertx;
    private final ValidationSettings settings;
    private final HostResolver resolver;
    private final AddressPolicy policy;
    private final HttpFetcher fetcher;
    private final Set<Integer> redirectPorts;

    /**
     * Creates the validator; it owns one HTTP client, closed with {@link #close()} or with Vert.x.
     *
     * @param resolver usually {@link HostResolver#forSettings}
     */
    public Http01Validator(Vertx vertx, ValidationSettings settings, HostResolver resolver) {
        this.vertx = vertx;
        this.settings = settings;
        this.resolver = resolver;
        this.policy = new AddressPolicy(settings.allowedNetworks());
        this.fetcher = new HttpFetcher(vertx, settings.maxInFlight(), settings.maxBodyBytes());
        this.redirectPorts = Collections.unmodifiableSortedSet(new TreeSet<>(List.of(80, 443, settings.http01Port())));
    }

    @Override
    public String type() {
        return TYPE;
    }

    /**
     * Validates; fails with an {@link AcmeProblemException} ({@code dns}, {@code connection},
     * {@code tls}, {@code unauthorized} or {@code incorrectResponse}) when the challenge was not
     * met, and with an {@link IllegalArgumentException} for a request the server should never
     * have made (a token outside base64url, an identifier that is not a host name or address).
     */
    @Override
    public Future<Void> validate(ValidationRequest request) {
        HttpTarget target;
        try {
            target = HttpTarget.challenge(request.identifier(), request.token(), settings.http01Port());
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(e);
        }
        Promise<Void> promise = Promise.promise();
        vertx.getOrCreateContext().runOnContext(v -> new Attempt(target, request.keyAuthorization(), request.contacted(),
                promise).start());
        return promise.future();
    }

    /** Closes the HTTP client. */
    public Future<Void> close() {
        return fetcher.close();
    }

    /** The address that answered and what it said. */
    private record Hop(InetAddress address, FetchedResponse response) {
    }

    /** One validation: its deadline, the request in progress, and what to say if time runs out. */
    private final class Attempt {

        private final HttpTarget initial;
        private final String keyAuthorization;
        private final ContactedAddresses contacted;
        private final Promise<Void> promise;
        private final long deadlineNanos;
        private volatile HttpClientRequest current;
        private volatile Supplier<AcmeProblemException> onTimeout;

        Attempt(HttpTarget initial, String keyAuthorization, ContactedAddresses contacted, Promise<Void> promise) {
            this.initial = initial;
            this.keyAuthorization = keyAuthorization;
            this.contacted = contacted;
            this.promise = promise;
            this.deadlineNanos = System.nanoTime() + settings.timeout().toNanos();
        }

        void start() {
            long timer = vertx.setTimer(settings.timeout().toMillis(), id -> expire());
            follow(initial, 0).onComplete(done -> {
                vertx.cancelTimer(timer);
                if (done.succeeded()) {
                    promise.tryComplete();
                } else {
                    promise.tryFail(done.cause());
                }
            });
        }

        private void expire() {
            if (promise.tryFail(onTimeout.get())) {
                HttpClientRequest request = current;
                if (request != null) {
                    request.reset();
                }
            }
        }

        private Future<Void> follow(HttpTarget target, int redirects) {
            if (isOver()) {
                return whyOver();
            }
            onTimeout = () -> AcmeProblemException.of(ProblemType.DNS, "DNS problem: looking up " + target.host()
                    + " timed out (no answer within the " + settings.timeoutText() + " a validation may take)");
            return addresses(target)
                    .compose(addresses -> fetchFromFirstReachable(target, addresses, 0))
                    .compose(hop -> judge(target, hop, redirects));
        }

        private Future<List<InetAddress>> addresses(HttpTarget target) {
            Future<List<InetAddress>> found = target.literal() != null
                    ? Future.succeededFuture(List.of(target.literal()))
                    : resolver.resolve(target.host());
            return found.compose(all -> choose(target, all));
        }

        private Future<List<InetAddress>> choose(HttpTarget target, List<InetAddress> all) {
            List<InetAddress> allowed = all.stream().filter(policy::allows).toList();
            if (allowed.isEmpty()) {
                return Future.failedFuture(AcmeProblemException.of(ProblemType.CONNECTION,
                        "Fetching " + target.url() + ": " + refusedDetail(target, all)));
            }
            Optional<InetAddress> ipv6 = allowed.stream().filter(Inet6Address.class::isInstance).findFirst();
            Optional<InetAddress> ipv4 = allowed.stream().filter(Inet4Address.class::isInstance).findFirst();
            return Future.succeededFuture(Stream.of(ipv6, ipv4).flatMap(Optional::stream).toList());
        }

        private String refusedDetail(HttpTarget target, List<InetAddress> refused) {
            String list = refused.stream()
                    .map(address -> AddressFormat.text(address) + " (" + policy.refusal(address).orElseThrow() + ")")
                    .collect(Collectors.joining(", "));
            if (target.literal() != null) {
                return "validation may not connect to " + list;
            }
            return target.host() + " resolves to " + list + (refused.size() == 1
                    ? ", which validation may not connect to" : ", none of which validation may connect to");
        }

        private Future<Hop> fetchFromFirstReachable(HttpTarget target, List<InetAddress> addresses, int index) {
            if (isOver()) {
                return whyOver();
            }
            InetAddress address = addresses.get(index);
            boolean fallback = index + 1 < addresses.size();
            long remaining = remainingMillis();
            onTimeout = () -> timeout(address, target, "Timeout during connect (likely a firewall problem)");
            contacted.add(address);
            return fetcher.connect(target, address, fallback ? remaining / 2 : remaining).transform(connected -> {
                if (connected.failed()) {
                    return fallback
                            ? fetchFromFirstReachable(target, addresses, index + 1)
                            : Future.failedFuture(connected.cause());
                }
                return exchange(target, address, connected.result());
            });
        }

        private Future<Hop> exchange(HttpTarget target, InetAddress address, HttpClientRequest request) {
            current = request;
            onTimeout = () -> timeout(address, target, "Timeout after connect (no complete response within the "
                    + settings.timeoutText() + " a validation may take)");
            if (isOver()) {
                request.reset();
                return whyOver();
            }
            return fetcher.exchange(request, target, address)
                    .map(response -> new Hop(address, response))
                    .onComplete(done -> current = null);
        }

        private Future<Void> judge(HttpTarget target, Hop hop, int redirects) {
            FetchedResponse response = hop.response();
            String where = AddressFormat.text(hop.address());
            if (response.status() == 200) {
                return compare(target, where, response.body());
            }
            if (!response.isRedirect()) {
                return unauthorized(where + ": Invalid response from " + target.url() + ": HTTP " + response.status());
            }
            if (response.location() == null || response.location().isBlank()) {
                return unauthorized(where + ": Invalid response from " + target.url() + ": HTTP "
                        + response.status() + " redirect without a Location header");
            }
            if (redirects >= settings.maxRedirects()) {
                return Future.failedFuture(AcmeProblemException.of(ProblemType.CONNECTION, "Too many redirects: "
                        + initial.url() + " redirected more than " + settings.maxRedirects() + " times; the last, from "
                        + target.url() + ", pointed to "
                        + ResponseText.quote(response.location(), ResponseText.DETAIL_CHARS)));
            }
            HttpTarget next;
            try {
                next = target.redirect(response.location(), redirectPorts);
            } catch (AcmeProblemException e) {
                return Future.failedFuture(e);
            }
            return follow(next, redirects + 1);
        }

        private Future<Void> compare(HttpTarget target, String where, byte[] body) {
            String received = new String(body, StandardCharsets.ISO_8859_1);
            if (stripTrailingWhitespace(received).equals(keyAuthorization)) {
                return Future.succeededFuture();
            }
            return Future.failedFuture(AcmeProblemException.of(ProblemType.INCORRECT_RESPONSE, where
                    + ": The key authorization file from " + target.url() + " did not match this challenge: expected "
                    + ResponseText.quote(keyAuthorization, 2 * ResponseText.DETAIL_CHARS) + ", received "
                    + ResponseText.quote(body, ResponseText.DETAIL_CHARS)));
        }

        /** Returns true once the deadline has passed: nothing new may start then. */
        private boolean isOver() {
            return promise.future().isComplete();
        }

        private <T> Future<T> whyOver() {
            return Future.failedFuture(promise.future().cause());
        }

        private long remainingMillis() {
            return Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000);
        }

        private AcmeProblemException timeout(InetAddress address, HttpTarget target, String what) {
            return AcmeProblemException.of(ProblemType.CONNECTION,
                    AddressFormat.text(address) + ": Fetching " + target.url() + ": " + what);
        }
    }

    private static Future<Void> unauthorized(String detail) {
        return Future.failedFuture(AcmeProblemException.of(ProblemType.UNAUTHORIZED, detail));
    }

    /** Drops the whitespace RFC 8555 §8.3 says to ignore at the end of the body. */
    static String stripTrailingWhitespace(String text) {
        int end = text.length();
        while (end > 0 && " \t\r\n\f\u000b".indexOf(text.charAt(end - 1)) >= 0) {
            end--;
        }
        return text.substring(0, end);
    }
}
