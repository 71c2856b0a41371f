package dev.vacme.client.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vacme.client.acme.AcmeAccount;
import dev.vacme.client.acme.AcmeRequest;
import dev.vacme.client.acme.AcmeResponse;
import dev.vacme.client.acme.Transport;
import dev.vacme.common.json.AcmeJson;
import dev.vacme.common.jws.Base64Url;
import dev.vacme.common.jws.FlattenedJws;
import dev.vacme.common.jws.JwsException;
import dev.vacme.common.model.Account;
import dev.vacme.common.model.AccountStatus;
import dev.vacme.common.model.Authorization;
import dev.vacme.common.model.AuthorizationStatus;
import dev.vacme.common.model.Challenge;
import dev.vacme.common.model.ChallengeStatus;
import dev.vacme.common.model.Directory;
import dev.vacme.common.model.Identifier;
import dev.vacme.common.model.Order;
import dev.vacme.common.model.OrderStatus;
import dev.vacme.common.pki.Csr;
import dev.vacme.common.pki.Pem;
import dev.vacme.common.problem.Problem;
import java.math.BigInteger;
import java.net.URI;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A small ACME server (RFC 8555) behind the {@link Transport} seam, for unit tests of issuance
 * and renewal without a network: directory, nonces, accounts, orders, authorizations with
 * http-01 and dns-01 challenges (answered as valid once the client responds), finalize,
 * certificate download, and renewal information (RFC 9773). Tests change what it answers
 * (refuse orders, hand out odd tokens, issue a wrong certificate) and read what it received.
 */
public final class FakeAcme implements Transport {

    /** The directory URL. */
    public static final URI DIRECTORY = URI.create("https://ca.test/dir");
    /** The renewalInfo base URL. */
    public static final URI RENEWAL_INFO = URI.create("https://ca.test/renewal-info");

    private static final String BASE = "https://ca.test/";
    private static final AtomicLong SERIALS = new AtomicLong(0x5000);

    private final TestPki pki = new TestPki();
    private final List<AcmeRequest> requests = new ArrayList<>();
    private final List<JsonNode> newOrders = new ArrayList<>();
    private final Map<String, String> accounts = new HashMap<>();
    private final Map<Integer, OrderState> orders = new HashMap<>();
    private final Map<String, AuthzState> authorizations = new HashMap<>();
    private int nonce;
    private boolean offerAri = true;
    private boolean authorizationsPending;
    private Function<JsonNode, Problem> newOrderCheck = payload -> null;
    private Function<Identifier, String> tokens = identifier -> Base64Url.encode(
            BigInteger.valueOf(SERIALS.incrementAndGet()).shiftLeft(130).toByteArray());
    private BiFunction<PublicKey, List<Identifier>, X509Certificate> certificates = this::issue;
    private Runnable onRenewalInfo = () -> { };
    private X509Certificate issuerCertificate;
    private final List<JsonNode> revocations = new ArrayList<>();
    private boolean alreadyRevoked;

    /** One order: its identifiers, authorizations and, once finalized, certificate. */
    private static final class OrderState {
        final List<Identifier> identifiers;
        final List<String> authorizations;
        String certificate;

        OrderState(List<Identifier> identifiers, List<String> authorizations) {
            this.identifiers = identifiers;
            this.authorizations = authorizations;
        }
    }

    /** One authorization and its token. */
    private static final class AuthzState {
        final Identifier identifier;
        final String token;
        boolean valid;

        AuthzState(Identifier identifier, String token) {
            this.identifier = identifier;
            this.token = token;
        }
    }

    /** Stops advertising renewalInfo in the directory. */
    public FakeAcme withoutAri() {
        offerAri = false;
        return this;
    }

    /** Makes new orders start with pending authorizations, so the client has to answer challenges. */
    public FakeAcme withPendingAuthorizations() {
        authorizationsPending = true;
        return this;
    }

    /** Refuses newOrder requests with the problem the function returns for the payload (null: accept). */
    public FakeAcme refusingOrders(Function<JsonNode, Problem> check) {
        newOrderCheck = check;
        return this;
    }

    /** Hands out the given token for every challenge. */
    public FakeAcme withTokens(Function<Identifier, String> tokenOf) {
        tokens = tokenOf;
        return this;
    }

    /** Issues certificates with the given function of the CSR's key and the order's identifiers. */
    public FakeAcme issuing(BiFunction<PublicKey, List<Identifier>, X509Certificate> issuer) {
        certificates = issuer;
        return this;
    }

    /**
     * Issues certificates with the given function, chained to {@code issuer} (another test CA than
     * {@link #pki()}, such as a {@link RevocationAuthority}).
     */
    public FakeAcme issuing(BiFunction<PublicKey, List<Identifier>, X509Certificate> issuer, X509Certificate ca) {
        certificates = issuer;
        issuerCertificate = ca;
        return this;
    }

    /** Answers every revokeCert request with alreadyRevoked (RFC 8555 §7.6). */
    public FakeAcme alreadyRevoked() {
        alreadyRevoked = true;
        return this;
    }

    /** Returns the payloads of the revokeCert requests so far. */
    public synchronized List<JsonNode> revocations() {
        return List.copyOf(revocations);
    }

    /** Runs an action whenever renewal information is fetched. */
    public FakeAcme onRenewalInfo(Runnable action) {
        onRenewalInfo = action;
        return this;
    }

    /** Returns the test CA that signs the certificates. */
    public TestPki pki() {
        return pki;
    }

    /** Issues a certificate for a key and identifiers, as the server does by default. */
    public X509Certificate issue(PublicKey key, List<Identifier> identifiers) {
        Instant now = Instant.now().minusSeconds(60);
        return pki.leaf(new KeyPair(key, null), identifiers.stream().map(Identifier::value).toList(), now,
                now.plus(Duration.ofDays(90)), BigInteger.valueOf(SERIALS.incrementAndGet()));
    }

    /** Returns the payloads of the newOrder requests so far. */
    public synchronized List<JsonNode> newOrders() {
        return List.copyOf(newOrders);
    }

    /** Returns every request so far. */
    public synchronized List<AcmeRequest> requests() {
        return List.copyOf(requests);
    }

    @Override
    public synchronized AcmeResponse send(AcmeRequest request) {
        requests.add(request);
        String path = request.uri().toString().startsWith(BASE) ? request.uri().toString().substring(BASE.length())
                : "";
        if (path.equals("dir")) {
            return json(request, 200, new Directory(uri("nonce"), uri("new-acct"), uri("new-order"), null,
                    uri("revoke"), null, offerAri ? RENEWAL_INFO : null, null));
        }
        if (path.equals("nonce")) {
            return respond(request, 200, null, null);
        }
        if (path.startsWith("renewal-info/")) {
            onRenewalInfo.run();
            Instant start = Instant.now().plus(Duration.ofDays(50));
            return respond(request, 200, "application/json", "{\"suggestedWindow\":{\"start\":\"" + start
                    + "\",\"end\":\"" + start.plus(Duration.ofDays(2)) + "\"}}", "Retry-After", "21600");
        }
        JsonNode payload = payload(request);
        if (path.equals("new-acct")) {
            return newAccount(request);
        }
        if (path.equals("new-order")) {
            return newOrder(request, payload);
        }
        if (path.equals("revoke")) {
            revocations.add(payload);
            return alreadyRevoked ? respond(request, 400, Problem.MEDIA_TYPE,
                    "{\"type\":\"urn:ietf:params:acme:error:alreadyRevoked\",\"detail\":\"already revoked\"}")
                    : respond(request, 200, null, null);
        }
        if (path.startsWith("authz/")) {
            return json(request, 200, authorization(path.substring("authz/".length())));
        }
        if (path.startsWith("chall/")) {
            AuthzState authz = authorizations.get(path.substring("chall/".length()).split("/")[0]);
            authz.valid = true;
            return json(request, 200, new Challenge("http-01", request.uri(), ChallengeStatus.VALID, null, null,
                    authz.token));
        }
        if (path.matches("order/\\d+/finalize")) {
            return finalizeOrder(request, Integer.parseInt(path.split("/")[1]), payload);
        }
        if (path.matches("order/\\d+")) {
            int id = Integer.parseInt(path.substring("order/".length()));
            return json(request, 200, order(id));
        }
        if (path.matches("cert/\\d+")) {
            return respond(request, 200, AcmeAccount.PEM_CHAIN,
                    orders.get(Integer.parseInt(path.substring("cert/".length()))).certificate);
        }
        return respond(request, 404, Problem.MEDIA_TYPE, "{\"type\":\"urn:ietf:params:acme:error:malformed\"}");
    }

    private AcmeResponse newAccount(AcmeRequest request) {
        String jwk = header(request).get("jwk").toString();
        boolean created = !accounts.containsKey(jwk);
        accounts.computeIfAbsent(jwk, key -> BASE + "acct/" + (accounts.size() + 1));
        return respond(request, created ? 201 : 200, "application/json",
                AcmeJson.write(new Account(AccountStatus.VALID, null, true, null, null)),
                "Location", accounts.get(jwk));
    }

    private AcmeResponse newOrder(AcmeRequest request, JsonNode payload) {
        newOrders.add(payload);
        Problem refusal = newOrderCheck.apply(payload);
        if (refusal != null) {
            return respond(request, refusal.status(), Problem.MEDIA_TYPE, AcmeJson.write(refusal));
        }
        List<Identifier> identifiers = new ArrayList<>();
        payload.get("identifiers").forEach(node -> identifiers.add(AcmeJson.convert(node, Identifier.class)));
        int id = orders.size() + 1;
        List<String> authzIds = new ArrayList<>();
        for (int i = 0; i < identifiers.size(); i++) {
            String authzId = id + "-" + i;
            AuthzState authz = new AuthzState(identifiers.get(i), tokens.apply(identifiers.get(i)));
            authz.valid = !authorizationsPending;
            authorizations.put(authzId, authz);
            authzIds.add(authzId);
        }
        orders.put(id, new OrderState(identifiers, authzIds));
        return respond(request, 201, "application/json", AcmeJson.write(order(id)), "Location", BASE + "order/" + id);
    }

    private Authorization authorization(String id) {
        AuthzState authz = authorizations.get(id);
        ChallengeStatus status = authz.valid ? ChallengeStatus.VALID : ChallengeStatus.PENDING;
        return new Authorization(authz.identifier, authz.valid ? AuthorizationStatus.VALID
                : AuthorizationStatus.PENDING, Instant.now().plus(Duration.ofDays(1)), List.of(
                new Challenge(Challenge.HTTP_01, uri("chall/" + id + "/http"), status, null, null, authz.token),
                new Challenge(Challenge.DNS_01, uri("chall/" + id + "/dns"), status, null, null, authz.token)),
                null);
    }

    private Order order(int id) {
        OrderState state = orders.get(id);
        boolean authorized = state.authorizations.stream().allMatch(a -> authorizations.get(a).valid);
        OrderStatus status = state.certificate != null ? OrderStatus.VALID
                : authorized ? OrderStatus.READY : OrderStatus.PENDING;
        return new Order(status, Instant.now().plus(Duration.ofDays(1)), state.identifiers, null, null, null,
                state.authorizations.stream().map(a -> uri("authz/" + a)).toList(), uri("order/" + id + "/finalize"),
                state.certificate == null ? null : uri("cert/" + id), null, null);
    }

    private AcmeResponse finalizeOrder(AcmeRequest request, int id, JsonNode payload) {
        OrderState state = orders.get(id);
        Csr csr = Csr.parse(Base64Url.decode(payload.get("csr").asText()));
        X509Certificate leaf = certificates.apply(csr.publicKey(), state.identifiers);
        state.certificate = issuerCertificate == null ? pki.chainPem(leaf)
                : Pem.encodeCertificates(List.of(leaf, issuerCertificate));
        return json(request, 200, order(id));
    }

    private AcmeResponse json(AcmeRequest request, int status, Object value) {
        return respond(request, status, "application/json", AcmeJson.write(value));
    }

    private AcmeResponse respond(AcmeRequest request, int status, String contentType, String body,
            String... headers) {
        String[] all = new String[headers.length + 2];
        System.arraycopy(headers, 0, all, 0, headers.length);
        all[headers.length] = "Replay-Nonce";
        all[headers.length + 1] = "nonce" + (++nonce);
        return ScriptedTransport.response(request, status, contentType, body, all);
    }

    private static JsonNode payload(AcmeRequest request) {
        try {
            byte[] payload = FlattenedJws.parse(request.body()).payload();
            return payload.length == 0 ? AcmeJson.objectNode() : AcmeJson.readTree(payload);
        } catch (JwsException e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode header(AcmeRequest request) {
        try {
            return FlattenedJws.parse(request.body()).header();
        } catch (JwsException e) {
            throw new AssertionError(e);
        }
    }

    private static URI uri(String path) {
        return URI.create(BASE + path);
    }
}
