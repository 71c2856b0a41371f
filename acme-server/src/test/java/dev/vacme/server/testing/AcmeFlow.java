package dev.vacme.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vacme.common.challenge.KeyAuthorizations;
import dev.vacme.common.jws.Base64Url;
import dev.vacme.common.jws.Jwks;
import dev.vacme.common.model.Authorization;
import dev.vacme.common.model.AuthorizationStatus;
import dev.vacme.common.model.Challenge;
import dev.vacme.common.model.FinalizeRequest;
import dev.vacme.common.model.Identifier;
import dev.vacme.common.model.NewAccountRequest;
import dev.vacme.common.model.NewOrderRequest;
import dev.vacme.common.model.Order;
import dev.vacme.common.pki.CsrBuilder;
import dev.vacme.common.pki.KeyType;
import java.net.URI;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The steps of RFC 8555 issuance, each asserting the server's answer, for tests to compose. */
public final class AcmeFlow {

    private final AcmeTestClient client;
    private final Http01Responder responder;
    private final KeyPair accountKey;
    private String kid;

    /** Creates a flow for one account key. */
    public AcmeFlow(AcmeTestClient client, Http01Responder responder, KeyPair accountKey) {
        this.client = client;
        this.responder = responder;
        this.accountKey = accountKey;
    }

    /** Returns the account URL after {@link #register()}. */
    public String kid() {
        return kid;
    }

    /** Returns the account key. */
    public KeyPair accountKey() {
        return accountKey;
    }

    /** Creates the account (201) and remembers its URL. */
    public AcmeFlow register() {
        return register(null);
    }

    /** Creates the account with an external account binding (RFC 8555 §7.3.4) and remembers its URL. */
    public AcmeFlow register(com.fasterxml.jackson.databind.JsonNode externalAccountBinding) {
        AcmeTestClient.Response response = client.postWithJwk(client.directory().newAccount().toString(), accountKey,
                new NewAccountRequest(List.of("mailto:admin@example.com"), true, null, externalAccountBinding));
        assertThat(response.status()).as(response.body()).isIn(200, 201);
        kid = response.location();
        return this;
    }

    /** POSTs with this account's kid. */
    public AcmeTestClient.Response post(String url, Object payload) {
        return client.postWithKid(url, accountKey, kid, payload);
    }

    /** Creates an order for DNS names (201) and returns its URL. */
    public String order(String... names) {
        return order(new NewOrderRequest(List.of(names).stream().map(Identifier::dns).toList(), null, null, null, null));
    }

    /** Creates an order (201) and returns its URL. */
    public String order(NewOrderRequest request) {
        AcmeTestClient.Response response = post(client.directory().newOrder().toString(), request);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.location();
    }

    /** Fetches an order. */
    public Order fetchOrder(String url) {
        AcmeTestClient.Response response = post(url, null);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.as(Order.class);
    }

    /** Completes every pending authorization of the order with HTTP-01 and waits until all are valid. */
    public void authorize(String orderUrl) {
        for (URI authzUrl : fetchOrder(orderUrl).authorizations()) {
            Authorization authz = post(authzUrl.toString(), null).as(Authorization.class);
            if (authz.status() == AuthorizationStatus.VALID) {
                continue;
            }
            Challenge challenge = http01(authz);
            responder.answer(challenge.token(), keyAuthorization(challenge.token()));
            AcmeTestClient.Response response = post(challenge.url().toString(), Map.of());
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            Authorization done = Poll.until(() -> post(authzUrl.toString(), null).as(Authorization.class),
                    a -> a.status() != AuthorizationStatus.PENDING, Duration.ofSeconds(20));
            assertThat(done.status()).as("authorization %s: %s", authzUrl, done).isEqualTo(AuthorizationStatus.VALID);
        }
    }

    /** Finalizes with a fresh key's CSR for the names and returns the response. */
    public AcmeTestClient.Response finalizeOrder(String orderUrl, String... names) {
        Order order = fetchOrder(orderUrl);
        byte[] csr = new CsrBuilder().dns(List.of(names)).build(KeyType.EC_P256.generate());
        return post(order.finalizeUrl().toString(), new FinalizeRequest(Base64Url.encode(csr)));
    }

    /** Runs a whole issuance and returns the PEM chain. */
    public String issue(String... names) {
        String orderUrl = order(names);
        authorize(orderUrl);
        AcmeTestClient.Response finalized = finalizeOrder(orderUrl, names);
        assertThat(finalized.status()).as(finalized.body()).isEqualTo(200);
        Order order = finalized.as(Order.class);
        AcmeTestClient.Response certificate = post(order.certificate().toString(), null);
        assertThat(certificate.status()).isEqualTo(200);
        assertThat(certificate.header("Content-Type")).isEqualTo("application/pem-certificate-chain");
        return certificate.body();
    }

    /** Returns the key authorization of a token for this account (RFC 8555 §8.1). */
    public String keyAuthorization(String token) {
        return KeyAuthorizations.keyAuthorization(token, Jwks.fromPublicKey(accountKey.getPublic()));
    }

    /** Returns the http-01 challenge of an authorization. */
    public static Challenge http01(Authorization authz) {
        return authz.challenges().stream().filter(c -> c.type().equals(Challenge.HTTP_01)).findFirst().orElseThrow();
    }

    /** Returns a JSON field of a response. */
    public static JsonNode field(AcmeTestClient.Response response, String name) {
        return response.json().get(name);
    }
}
