package dev.vacme.server.wfe.jws;

import com.nimbusds.jose.jwk.JWK;
import dev.vacme.common.json.AcmeJson;
import dev.vacme.common.json.AcmeJsonException;
import dev.vacme.common.jws.FlattenedJws;
import dev.vacme.common.jws.JwsAlgorithm;
import dev.vacme.common.jws.JwsException;
import dev.vacme.common.jws.Jwks;
import dev.vacme.common.jws.VerificationKey;
import dev.vacme.common.model.AccountStatus;
import dev.vacme.common.model.KeyChangeRequest;
import dev.vacme.common.problem.Problem;
import dev.vacme.common.problem.ProblemType;
import dev.vacme.server.AcmeProblemException;
import dev.vacme.server.ra.AccountService;
import dev.vacme.server.ra.KeyPolicy;
import dev.vacme.server.store.StoredAccount;
import dev.vacme.server.wfe.NonceService;
import dev.vacme.server.wfe.Urls;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Authenticates ACME POST requests (RFC 8555 §6.2–§6.5) in small named steps: content type, JWS
 * shape, key reference, algorithm, key lookup and policy, signature, URL, and last the nonce, so
 * that a request failing any other check does not use up its nonce.
 */
public final class JwsVerifier {

    private static final String JOSE_JSON = "application/jose+json";
    /**
     * How many account keys stay prepared for verification: about 8 KB each for an EC key with
     * BouncyCastle's fixed-point table, so at most about 32 MB; the least recently used go first.
     */
    private static final int KEY_CACHE_SIZE = 4_096;

    private final Urls urls;
    private final NonceService nonces;
    private final Function<String, Future<Optional<StoredAccount>>> accounts;
    private final AccountKeyCache keys = new AccountKeyCache(KEY_CACHE_SIZE);

    /**
     * @param urls     the server's URLs, for the {@code url} and {@code kid} checks
     * @param nonces   the nonce service
     * @param accounts finds an account by id
     */
    public JwsVerifier(Urls urls, NonceService nonces, Function<String, Future<Optional<StoredAccount>>> accounts) {
        this.urls = urls;
        this.nonces = nonces;
        this.accounts = accounts;
    }

    /** Verifies the request in the routing context. */
    public Future<VerifiedRequest> verify(RoutingContext ctx, KeyMode mode) {
        try {
            checkContentType(ctx.request().getHeader("Content-Type"));
            FlattenedJws jws = parse(ctx.body().buffer());
            String nonce = checkHeaders(jws, mode);
            String url = urls.requestUrl(ctx.request().uri());
            return resolveKey(jws).compose(signer -> {
                checkSignature(jws, signer.key());
                checkUrl(jws, url);
                return nonces.redeem(nonce).map(ignored ->
                        new VerifiedRequest(url, jws, signer.key().jwk(), signer.thumbprint(), signer.account()));
            });
        } catch (AcmeProblemException e) {
            return Future.failedFuture(e);
        }
    }

    /**
     * Verifies the inner JWS of a key change (RFC 8555 §7.3.5 steps 2–7): a JWS with {@code jwk},
     * no nonce, the outer {@code url}, signed by the new key, carrying a keyChange object for the
     * signing account.
     */
    public KeyChange verifyKeyChange(VerifiedRequest outer) {
        FlattenedJws inner = parse(Buffer.buffer(outer.jws().payload()));
        if (inner.kid().isPresent() || inner.jwk().isEmpty()) {
            throw malformed("the inner JWS must carry the new key as \"jwk\" and no \"kid\"");
        }
        if (inner.hasHeader("nonce")) {
            throw malformed("the inner JWS must not have a \"nonce\"");
        }
        if (!outer.url().equals(inner.url().orElse(null))) {
            throw malformed("the inner JWS's \"url\" must equal the outer JWS's");
        }
        VerificationKey newKey = acceptableKey(inner);
        checkSignature(inner, newKey);
        KeyChangeRequest request;
        try {
            request = AcmeJson.read(inner.payload(), KeyChangeRequest.class);
        } catch (AcmeJsonException e) {
            throw malformed("the inner payload is " + e.getMessage());
        }
        String accountUrl = urls.account(outer.account().id());
        if (request.account() == null || !accountUrl.equals(request.account().toString())) {
            throw malformed("the keyChange object's \"account\" must be the URL of the signing account");
        }
        if (request.oldKey() == null || !request.oldKey().isObject()) {
            throw malformed("the keyChange object needs \"oldKey\"");
        }
        return new KeyChange(newKey.jwk(), jwk(request.oldKey()));
    }

    private static void checkContentType(String contentType) {
        String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!mediaType.equals(JOSE_JSON)) {
            throw new AcmeProblemException(Problem.of(ProblemType.MALFORMED,
                    "the Content-Type must be " + JOSE_JSON + " (RFC 8555 §6.2)").withStatus(415));
        }
    }

    private static FlattenedJws parse(Buffer body) {
        try {
            return FlattenedJws.parse(body == null ? new byte[0] : body.getBytes());
        } catch (JwsException e) {
            throw malformed(e.getMessage());
        }
    }

    /** Checks the protected header's key reference, nonce and url; returns the nonce. */
    private static String checkHeaders(FlattenedJws jws, KeyMode mode) {
        boolean hasJwk = jws.hasHeader("jwk");
        boolean hasKid = jws.hasHeader("kid");
        if (hasJwk && hasKid) {
            throw malformed("the JWS header must have either \"jwk\" or \"kid\", not both");
        }
        if (!hasJwk && !hasKid) {
            throw malformed("the JWS header needs \"jwk\" or \"kid\"");
        }
        if (hasJwk && mode == KeyMode.KID) {
            throw malformed("this resource needs \"kid\" (the account URL), not \"jwk\"");
        }
        if (hasKid && mode == KeyMode.JWK) {
            throw malformed("newAccount needs \"jwk\" (the account's public key), not \"kid\"");
        }
        if (jws.algorithm() == null || JwsAlgorithm.fromHeader(jws.algorithm()).isEmpty()) {
            throw unsupportedAlgorithm(jws.algorithm() == null
                    ? "the JWS header has no \"alg\""
                    : "JWS algorithm \"" + jws.algorithm() + "\" is not supported");
        }
        if (jws.url().isEmpty()) {
            throw malformed("the JWS header needs a \"url\" (RFC 8555 §6.4)");
        }
        return jws.nonce().orElseThrow(() -> AcmeProblemException.of(ProblemType.BAD_NONCE,
                "the JWS header has no \"nonce\"; get one from newNonce (RFC 8555 §6.5)"));
    }

    private Future<Signer> resolveKey(FlattenedJws jws) {
        if (jws.hasHeader("jwk")) {
            VerificationKey key = acceptableKey(jws);
            return Future.succeededFuture(new Signer(key, Jwks.thumbprint(key.publicKey()), null));
        }
        String kid = jws.kid().orElseThrow(() -> malformed("the JWS \"kid\" must be a string"));
        Optional<String> accountId = urls.accountIdOf(kid);
        if (accountId.isEmpty()) {
            return Future.failedFuture(accountDoesNotExist(kid));
        }
        return accounts.apply(accountId.get()).map(found -> {
            StoredAccount account = found.orElseThrow(() -> accountDoesNotExist(kid));
            if (account.status() != AccountStatus.VALID) {
                throw AccountService.deactivated();
            }
            return new Signer(storedKey(account), account.keyThumbprint(), account);
        });
    }

    /**
     * Parses the {@code jwk} header, applies the key policy, and returns the key in its canonical
     * encoding, so that every encoding of one key finds the same account.
     */
    private static VerificationKey acceptableKey(FlattenedJws jws) {
        try {
            VerificationKey key = VerificationKey.of(Jwks.canonical(jws.parseJwk()));
            KeyPolicy.check(key.publicKey(), KeyPolicy.Use.ACCOUNT);
            return key;
        } catch (JwsException e) {
            throw AcmeProblemException.of(ProblemType.BAD_PUBLIC_KEY, e.getMessage());
        }
    }

    private VerificationKey storedKey(StoredAccount account) {
        try {
            return keys.keyOf(account);
        } catch (JwsException e) {
            throw new IllegalStateException("the stored key of account " + account.id() + " is unusable", e);
        }
    }

    private static void checkSignature(FlattenedJws jws, VerificationKey key) {
        try {
            jws.verify(key);
        } catch (JwsException e) {
            throw e.failure() == JwsException.Failure.UNSUPPORTED_ALGORITHM
                    ? unsupportedAlgorithm(e.getMessage())
                    : malformed("the JWS signature does not verify with the " + (jws.hasHeader("kid")
                            ? "account's key" : "\"jwk\" key"));
        }
    }

    private static void checkUrl(FlattenedJws jws, String url) {
        String claimed = jws.url().orElse("");
        if (!claimed.equals(url)) {
            throw AcmeProblemException.of(ProblemType.UNAUTHORIZED,
                    "the JWS \"url\" " + claimed + " is not the request URL " + url + " (RFC 8555 §6.4)");
        }
    }

    @SuppressWarnings("unchecked")
    private static JWK jwk(com.fasterxml.jackson.databind.JsonNode node) {
        try {
            return Jwks.canonical(Jwks.parse(AcmeJson.convert(node, Map.class)));
        } catch (JwsException e) {
            throw malformed("the keyChange object's \"oldKey\": " + e.getMessage());
        }
    }


    private static AcmeProblemException accountDoesNotExist(String kid) {
        return AcmeProblemException.of(ProblemType.ACCOUNT_DOES_NOT_EXIST, "no account exists at " + kid);
    }

    private static AcmeProblemException unsupportedAlgorithm(String detail) {
        return new AcmeProblemException(Problem.of(ProblemType.BAD_SIGNATURE_ALGORITHM, detail)
                .withAlgorithms(JwsAlgorithm.headerNames()));
    }

    private static AcmeProblemException malformed(String detail) {
        return AcmeProblemException.of(ProblemType.MALFORMED, detail);
    }

    private record Signer(VerificationKey key, String thumbprint, StoredAccount account) {
    }
}
