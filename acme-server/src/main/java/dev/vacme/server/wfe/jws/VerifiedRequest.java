package dev.vacme.server.wfe.jws;

import com.nimbusds.jose.jwk.JWK;
import dev.vacme.common.json.AcmeJson;
import dev.vacme.common.json.AcmeJsonException;
import dev.vacme.common.jws.FlattenedJws;
import dev.vacme.common.problem.ProblemType;
import dev.vacme.server.AcmeProblemException;
import dev.vacme.server.store.StoredAccount;
import java.util.Optional;

/**
 * A POST whose JWS passed every check of RFC 8555 §6: shape, algorithm, key, signature, URL and
 * nonce. Only {@link JwsVerifier} can make one, so a handler holding one knows the request is
 * authentic.
 */
public final class VerifiedRequest {

    private final String url;
    private final FlattenedJws jws;
    private final JWK key;
    private final String keyThumbprint;
    private final StoredAccount account;

    VerifiedRequest(String url, FlattenedJws jws, JWK key, String keyThumbprint, StoredAccount account) {
        this.url = url;
        this.jws = jws;
        this.key = key;
        this.keyThumbprint = keyThumbprint;
        this.account = account;
    }

    /** Returns the request URL, equal to the JWS {@code url} header. */
    public String url() {
        return url;
    }

    /** Returns the key that signed the request. */
    public JWK key() {
        return key;
    }

    /** Returns the RFC 7638 thumbprint of the signing key. */
    public String keyThumbprint() {
        return keyThumbprint;
    }

    /** Returns the signing account, for a request signed with {@code kid}. */
    public Optional<StoredAccount> signingAccount() {
        return Optional.ofNullable(account);
    }

    /**
     * Returns the signing account.
     *
     * @throws IllegalStateException when the request was signed with {@code jwk}; resources that
     *                               call this are routed with {@link KeyMode#KID}
     */
    public StoredAccount account() {
        if (account == null) {
            throw new IllegalStateException("request was not signed with kid");
        }
        return account;
    }

    /** Returns true for POST-as-GET: an empty payload (RFC 8555 §6.3). */
    public boolean isPostAsGet() {
        return jws.hasEmptyPayload();
    }

    /**
     * Reads the payload as a JSON object of the given type.
     *
     * @throws AcmeProblemException {@code malformed} when the payload is empty or does not fit
     */
    public <T> T payload(Class<T> type) {
        if (isPostAsGet()) {
            throw AcmeProblemException.of(ProblemType.MALFORMED, "this request needs a JSON object payload");
        }
        try {
            return AcmeJson.read(jws.payload(), type);
        } catch (AcmeJsonException e) {
            throw AcmeProblemException.of(ProblemType.MALFORMED, "the payload is " + e.getMessage());
        }
    }

    /**
     * Requires POST-as-GET.
     *
     * @throws AcmeProblemException {@code malformed} when the payload is not empty
     */
    public void requirePostAsGet() {
        if (!isPostAsGet()) {
            throw AcmeProblemException.of(ProblemType.MALFORMED,
                    "fetching this resource needs POST-as-GET: a JWS with an empty payload (RFC 8555 §6.3)");
        }
    }

    FlattenedJws jws() {
        return jws;
    }
}
