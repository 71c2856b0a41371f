package dev.vacme.client.acme;

import dev.vacme.client.ErrorText;
import dev.vacme.common.model.Directory;
import dev.vacme.common.problem.Problem;
import dev.vacme.common.problem.ProblemType;
import dev.vacme.common.json.AcmeJson;
import dev.vacme.common.json.AcmeJsonException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A conversation with one ACME server: its directory (fetched once per run, RFC 8555 §7.1.1),
 * its nonces (§6.5) and the signed POST every request but the directory and renewal information
 * is (§6.2, §6.3). A {@code badNonce} answer is retried with the nonce it carries, as §6.5
 * requires; every other problem document becomes a typed {@link AcmeException}.
 */
public final class AcmeSession {

    /** How often a request is retried after {@code badNonce}; servers may reject good nonces at random. */
    static final int MAX_BAD_NONCE_RETRIES = 10;

    private final URI directoryUrl;
    private final Transport transport;
    private final Clock clock;
    private final NoncePool nonces = new NoncePool();
    private Directory directory;

    /** Creates a session; nothing is sent until the first request. */
    public AcmeSession(URI directoryUrl, Transport transport, Clock clock) {
        this.directoryUrl = Objects.requireNonNull(directoryUrl, "directoryUrl");
        this.transport = transport;
        this.clock = clock;
    }

    /** Returns the directory URL this session talks to. */
    public URI directoryUrl() {
        return directoryUrl;
    }

    /** Returns the session's clock. */
    public Clock clock() {
        return clock;
    }

    /** Returns the directory, fetching it on first use only. */
    public synchronized Directory directory() {
        if (directory == null) {
            directory = fetchDirectory();
        }
        return directory;
    }

    /**
     * Fetches and checks the directory. A URL that answers with an error or with something else than
     * a directory is reported as what it is, not wrong: the operator mistyped {@code --server}, and
     * whatever the server said about the path is only a detail.
     */
    private Directory fetchDirectory() {
        AcmeResponse response = exchange(AcmeRequest.get(directoryUrl));
        if (!response.isSuccess()) {
            throw notADirectory("the server answered " + ErrorText.of(failure(response)));
        }
        Directory fetched;
        try {
            fetched = AcmeJson.read(response.body(), Directory.class);
        } catch (AcmeJsonException e) {
            throw notADirectory("its answer is not an ACME directory object");
        }
        List<String> missing = new ArrayList<>();
        if (fetched.newNonce() == null) {
            missing.add("newNonce");
        }
        if (fetched.newAccount() == null) {
            missing.add("newAccount");
        }
        if (fetched.newOrder() == null) {
            missing.add("newOrder");
        }
        if (!missing.isEmpty()) {
            throw new AcmeProtocolException(directoryUrl + " is not an ACME directory (no " + String.join("/", missing)
                    + ")");
        }
        return fetched;
    }

    private AcmeProtocolException notADirectory(String why) {
        return new AcmeProtocolException(directoryUrl + " is not an ACME directory (no newNonce/newAccount): " + why);
    }

    /**
     * Sends a signed POST and returns the successful response.
     *
     * @param url     the resource URL, also the JWS {@code url} header
     * @param payload the payload; empty for POST-as-GET (§6.3)
     * @param signer  signs with {@code jwk} or {@code kid}
     * @param accept  the {@code Accept} header
     * @throws AcmeException when the server refuses, cannot be reached or answers nonsense
     */
    public AcmeResponse post(URI url, byte[] payload, RequestSigner signer, String accept) {
        for (int attempt = 0; ; attempt++) {
            // The pool hands out the newest nonce first, which after a badNonce answer is the
            // nonce that answer carried: §6.5 says the retry MUST use it.
            String nonce = nonces.take().orElseGet(this::fetchNonce);
            String body = signer.sign(nonce, url, payload).toJson();
            AcmeResponse response = exchange(AcmeRequest.post(url, body, accept));
            if (response.isSuccess()) {
                return response;
            }
            AcmeException failure = failure(response);
            boolean badNonce = failure instanceof AcmeProblemException problem
                    && problem.type() == ProblemType.BAD_NONCE;
            if (!badNonce || attempt >= MAX_BAD_NONCE_RETRIES) {
                throw failure;
            }
        }
    }

    /** Sends a POST-as-GET (§6.3) for a resource, accepting JSON. */
    public AcmeResponse postAsGet(URI url, RequestSigner signer) {
        return post(url, new byte[0], signer, "application/json");
    }

    /**
     * Sends an unauthenticated GET, as renewal information is fetched (RFC 9773 §4.1).
     *
     * @throws AcmeException when the answer is not a success
     */
    public AcmeResponse get(URI url) {
        return send(AcmeRequest.get(url));
    }

    /** Returns the current time of the session's clock. */
    public Instant now() {
        return clock.instant();
    }

    private AcmeResponse send(AcmeRequest request) {
        AcmeResponse response = exchange(request);
        if (!response.isSuccess()) {
            throw failure(response);
        }
        return response;
    }

    private AcmeResponse exchange(AcmeRequest request) {
        AcmeResponse response = transport.send(request);
        response.nonce().ifPresent(nonces::offer);
        return response;
    }

    private String fetchNonce() {
        send(AcmeRequest.head(directory().newNonce()));
        return nonces.take().orElseThrow(() -> new AcmeProtocolException(
                "the server's newNonce answer carries no valid Replay-Nonce header"));
    }

    /** Turns an unsuccessful response into the exception that says what happened. */
    AcmeException failure(AcmeResponse response) {
        URI url = response.request().uri();
        Problem problem = problemOf(response);
        if (problem == null) {
            String text = response.text().strip();
            return new AcmeProtocolException("HTTP " + response.status() + " from " + response.request().method()
                    + " " + url + (text.isEmpty() ? "" : ": " + abbreviate(text)), response.status());
        }
        if (problem.status() == null) {
            problem = problem.withStatus(response.status());
        }
        if (problem.kind() == ProblemType.RATE_LIMITED) {
            return new RateLimitedException(problem, url, response.retryAfter(now()).orElse(null),
                    response.links("help"));
        }
        return new AcmeProblemException(problem, url);
    }

    private static Problem problemOf(AcmeResponse response) {
        boolean declared = Problem.MEDIA_TYPE.equals(response.contentType());
        if (!declared && !"application/json".equals(response.contentType())) {
            return null;
        }
        try {
            Problem problem = AcmeJson.read(response.body(), Problem.class);
            return problem.type() == null && !declared ? null : problem;
        } catch (AcmeJsonException e) {
            return null;
        }
    }

    private static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "...";
    }
}
