package dev.vacme.server.wfe;

import java.util.Optional;

/**
 * Every URL the server emits, built from the configured external base URL, so that URLs and the
 * JWS {@code url} check (RFC 8555 §6.4) agree with what clients see, also behind a proxy. The
 * paths are defined here once; {@link WebFrontEnd} routes them.
 */
public final class Urls {

    static final String DIRECTORY = "/directory";
    static final String NEW_NONCE = "/acme/new-nonce";
    static final String NEW_ACCOUNT = "/acme/new-account";
    static final String NEW_ORDER = "/acme/new-order";
    static final String REVOKE_CERT = "/acme/revoke-cert";
    static final String KEY_CHANGE = "/acme/key-change";
    static final String RENEWAL_INFO = "/acme/renewal-info";
    static final String ACCOUNT = "/acme/acct/";
    static final String ORDER = "/acme/order/";
    static final String AUTHORIZATION = "/acme/authz/";
    static final String CHALLENGE = "/acme/chall/";
    static final String CERTIFICATE = "/acme/cert/";

    private final String base;

    /** Creates the builder for a base URL such as {@code https://acme.example.com:14000}, without trailing slash. */
    public Urls(String base) {
        this.base = base.replaceAll("/+$", "");
    }

    /** Returns the base URL. */
    public String base() {
        return base;
    }

    /** Returns the URL a request to {@code pathAndQuery} was addressed to, as the client saw it. */
    public String requestUrl(String pathAndQuery) {
        return base + pathAndQuery;
    }

    public String directory() {
        return base + DIRECTORY;
    }

    public String newNonce() {
        return base + NEW_NONCE;
    }

    public String newAccount() {
        return base + NEW_ACCOUNT;
    }

    public String newOrder() {
        return base + NEW_ORDER;
    }

    public String revokeCert() {
        return base + REVOKE_CERT;
    }

    public String keyChange() {
        return base + KEY_CHANGE;
    }

    public String renewalInfo() {
        return base + RENEWAL_INFO;
    }

    public String account(String id) {
        return base + ACCOUNT + id;
    }

    public String orders(String accountId) {
        return account(accountId) + "/orders";
    }

    /** Returns the URL of a page (0-based) of an account's orders list. */
    public String orders(String accountId, int page) {
        return page == 0 ? orders(accountId) : orders(accountId) + "?page=" + page;
    }

    public String order(String id) {
        return base + ORDER + id;
    }

    public String finalizeOrder(String id) {
        return order(id) + "/finalize";
    }

    public String authorization(String id) {
        return base + AUTHORIZATION + id;
    }

    public String challenge(String authorizationId, String challengeId) {
        return base + CHALLENGE + authorizationId + "/" + challengeId;
    }

    public String certificate(String serial) {
        return base + CERTIFICATE + serial;
    }

    /** Returns the account id of a {@code kid}, when the kid is one of this server's account URLs. */
    public Optional<String> accountIdOf(String kid) {
        String prefix = base + ACCOUNT;
        if (kid == null || !kid.startsWith(prefix)) {
            return Optional.empty();
        }
        String id = kid.substring(prefix.length());
        return id.isEmpty() || id.contains("/") || id.contains("?") ? Optional.empty() : Optional.of(id);
    }
}
