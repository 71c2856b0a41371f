package dev.vacme.client.acme;

import dev.vacme.common.json.AcmeJson;
import dev.vacme.common.jws.Base64Url;
import dev.vacme.common.model.Account;
import dev.vacme.common.model.AccountStatus;
import dev.vacme.common.model.AccountUpdateRequest;
import dev.vacme.common.model.Authorization;
import dev.vacme.common.model.Challenge;
import dev.vacme.common.model.Directory;
import dev.vacme.common.model.FinalizeRequest;
import dev.vacme.common.model.NewAccountRequest;
import dev.vacme.common.model.NewOrderRequest;
import dev.vacme.common.model.Order;
import dev.vacme.common.model.RevocationRequest;
import dev.vacme.common.problem.ProblemType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * An ACME account bound to its key: the requests RFC 8555 §7.3–§7.6 make on behalf of an
 * account, each one signed with {@code kid}. The static methods are the two requests made before
 * the account URL is known, signed with {@code jwk}.
 */
public final class AcmeAccount {

    /** The media type of a certificate chain download (RFC 8555 §7.4.2). */
    public static final String PEM_CHAIN = "application/pem-certificate-chain";

    private final AcmeSession session;
    private final KeyPair keys;
    private final URI url;
    private final RequestSigner signer;

    /** Binds a known account URL to its key. */
    public AcmeAccount(AcmeSession session, KeyPair keys, URI url) {
        this.session = session;
        this.keys = keys;
        this.url = url;
        this.signer = RequestSigner.withKid(keys, url);
    }

    /**
     * Creates an account, or finds the existing one of this key (RFC 8555 §7.3, §7.3.1).
     *
     * @throws AcmeProblemException e.g. {@code externalAccountRequired}, {@code invalidContact}
     */
    public static AccountRegistration register(AcmeSession session, KeyPair keys, NewAccountRequest request) {
        URI newAccount = session.directory().newAccount();
        AcmeResponse response = session.post(newAccount, AcmeJson.writeBytes(request), RequestSigner.withJwk(keys),
                "application/json");
        URI location = response.location().orElseThrow(() -> new AcmeProtocolException(
                "the newAccount answer has no Location header"));
        return new AccountRegistration(location, response.json(Account.class), response.status() == 201);
    }

    /** Looks up the account URL of a key without creating an account (§7.3.1). */
    public static Optional<URI> find(AcmeSession session, KeyPair keys) {
        NewAccountRequest lookup = new NewAccountRequest(null, null, true, null);
        try {
            return Optional.of(register(session, keys, lookup).url());
        } catch (AcmeProblemException e) {
            if (e.type() == ProblemType.ACCOUNT_DOES_NOT_EXIST) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Revokes a certificate with a request signed by the certificate's own key (§7.6). */
    public static void revokeWithCertificateKey(AcmeSession session, KeyPair certificateKey,
            X509Certificate certificate, Integer reason) {
        URI revokeCert = revokeUrl(session.directory());
        session.post(revokeCert, revocationPayload(certificate, reason), RequestSigner.withJwk(certificateKey),
                "application/json");
    }

    /** Returns the account URL. */
    public URI url() {
        return url;
    }

    /** Returns the account key. */
    public KeyPair keys() {
        return keys;
    }

    /** Returns the session. */
    public AcmeSession session() {
        return session;
    }

    /** Fetches the account object (POST-as-GET to the account URL, §6.3, §7.3). */
    public Account fetch() {
        return session.postAsGet(url, signer).json(Account.class);
    }

    /** Replaces the account's contacts (§7.3.2). */
    public Account updateContacts(List<String> contacts) {
        return update(new AccountUpdateRequest(contacts, null, null));
    }

    /** Deactivates the account (§7.3.6); the server refuses every later request of this key. */
    public Account deactivate() {
        return update(new AccountUpdateRequest(null, AccountStatus.DEACTIVATED, null));
    }

    /** Creates an order (§7.4). */
    public Polled<Order> newOrder(NewOrderRequest request) {
        AcmeResponse response = session.post(session.directory().newOrder(), AcmeJson.writeBytes(request), signer,
                "application/json");
        URI location = response.location().orElseThrow(() -> new AcmeProtocolException(
                "the newOrder answer has no Location header"));
        return new Polled<>(location, response.json(Order.class), response.retryAfter(session.now()).orElse(null));
    }

    /** Fetches an order (POST-as-GET, §7.1.3). */
    public Polled<Order> order(URI orderUrl) {
        return fetch(orderUrl, Order.class);
    }

    /** Fetches an authorization (POST-as-GET, §7.5). */
    public Polled<Authorization> authorization(URI authorizationUrl) {
        return fetch(authorizationUrl, Authorization.class);
    }

    /**
     * Deactivates an authorization (§7.5.2), so that a pending one abandoned by an interrupted run
     * is not left for validation; returns the authorization as the server now has it.
     */
    public Authorization deactivateAuthorization(URI authorizationUrl) {
        AcmeResponse response = session.post(authorizationUrl,
                "{\"status\":\"deactivated\"}".getBytes(StandardCharsets.UTF_8), signer, "application/json");
        return response.json(Authorization.class);
    }

    /** Tells the server the challenge is ready to be validated (§7.5.1): a POST of {@code {}}. */
    public Challenge respond(Challenge challenge) {
        AcmeResponse response = session.post(challenge.url(), "{}".getBytes(StandardCharsets.UTF_8),
                signer, "application/json");
        return response.json(Challenge.class);
    }

    /** Sends the CSR to the order's finalize URL (§7.4). */
    public Polled<Order> finalizeOrder(URI orderUrl, Order order, byte[] csrDer) {
        if (order.finalizeUrl() == null) {
            throw new AcmeProtocolException("the order " + orderUrl + " has no finalize URL");
        }
        AcmeResponse response = session.post(order.finalizeUrl(),
                AcmeJson.writeBytes(new FinalizeRequest(Base64Url.encode(csrDer))), signer, "application/json");
        return new Polled<>(orderUrl, response.json(Order.class), response.retryAfter(session.now()).orElse(null));
    }

    /** Downloads the certificate chain, leaf first (§7.4.2). */
    public String downloadCertificate(URI certificateUrl) {
        return downloadChain(certificateUrl).pem();
    }

    /**
     * Downloads a certificate chain, leaf first, with the URLs of the alternate chains the server
     * links to (§7.4.2); an alternate chain's URL is downloaded the same way.
     */
    public ChainDownload downloadChain(URI certificateUrl) {
        AcmeResponse response = session.post(certificateUrl, new byte[0], signer, PEM_CHAIN);
        String pem = response.text();
        if (!pem.contains("-----BEGIN CERTIFICATE-----")) {
            throw new AcmeProtocolException("the certificate at " + certificateUrl + " is not a PEM chain");
        }
        return new ChainDownload(pem, response.links("alternate"));
    }

    /** Revokes a certificate with a request signed by the account key (§7.6). */
    public void revoke(X509Certificate certificate, Integer reason) {
        session.post(revokeUrl(session.directory()), revocationPayload(certificate, reason), signer,
                "application/json");
    }

    private Account update(AccountUpdateRequest request) {
        return session.post(url, AcmeJson.writeBytes(request), signer, "application/json").json(Account.class);
    }

    private <T> Polled<T> fetch(URI resource, Class<T> type) {
        AcmeResponse response = session.postAsGet(resource, signer);
        return new Polled<>(resource, response.json(type), response.retryAfter(session.now()).orElse(null));
    }

    private static URI revokeUrl(Directory directory) {
        if (directory.revokeCert() == null) {
            throw new AcmeProtocolException("the server's directory has no revokeCert URL");
        }
        return directory.revokeCert();
    }

    private static byte[] revocationPayload(X509Certificate certificate, Integer reason) {
        try {
            return AcmeJson.writeBytes(new RevocationRequest(Base64Url.encode(certificate.getEncoded()), reason));
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("cannot encode the certificate to revoke", e);
        }
    }
}
