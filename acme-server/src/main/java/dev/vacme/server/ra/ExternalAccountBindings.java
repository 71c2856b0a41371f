package dev.vacme.server.ra;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.JWK;
import dev.vacme.common.jws.ExternalAccountBinding;
import dev.vacme.common.jws.FlattenedJws;
import dev.vacme.common.jws.JwsException;
import dev.vacme.common.problem.ProblemType;
import dev.vacme.server.AcmeProblemException;
import dev.vacme.server.store.Store;
import dev.vacme.server.store.StoredEabKey;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * Checks a newAccount's {@code externalAccountBinding} (RFC 8555 §7.3.4) against the keys minted
 * with {@code vacme-server eab create}: the key must exist, be neither revoked nor bound, and MAC
 * the new account's key for this newAccount URL.
 */
public final class ExternalAccountBindings {

    private final Store store;
    private final boolean required;

    /**
     * @param store    where the keys are
     * @param required whether every new account needs a binding ({@code --require-eab})
     */
    public ExternalAccountBindings(Store store, boolean required) {
        this.store = store;
        this.required = required;
    }

    /** Whether a binding is required, for the directory's {@code meta.externalAccountRequired}. */
    public boolean required() {
        return required;
    }

    /**
     * Verifies the binding of a newAccount request.
     *
     * @param binding    the {@code externalAccountBinding} value, or null
     * @param accountKey the key of the new account (the outer JWS's {@code jwk})
     * @param url        the newAccount URL (the outer JWS's {@code url})
     * @return the key id to bind the new account to, or empty when there is no binding and none
     *         is required
     */
    public Future<Optional<String>> verify(JsonNode binding, JWK accountKey, String url) {
        if (binding == null || binding.isNull()) {
            if (required) {
                return Future.failedFuture(AcmeProblemException.of(ProblemType.EXTERNAL_ACCOUNT_REQUIRED,
                        "this CA only accepts accounts with an external account binding; ask its operator for a key "
                                + "id and HMAC key (e.g. certbot --eab-kid KID --eab-hmac-key KEY)"));
            }
            return Future.succeededFuture(Optional.empty());
        }
        String kid;
        try {
            kid = FlattenedJws.parse(binding).kid().orElseThrow(() -> AcmeProblemException.of(ProblemType.MALFORMED,
                    "the external account binding has no \"kid\" in its protected header"));
        } catch (JwsException e) {
            return Future.failedFuture(AcmeProblemException.of(ProblemType.MALFORMED,
                    "the external account binding is not a flattened JWS: " + e.getMessage()));
        }
        return store.findEabKey(kid).map(found -> {
            StoredEabKey key = found.orElseThrow(() -> unauthorized("unknown external account key id \"" + kid + "\""));
            if (key.revokedAt() != null) {
                throw unauthorized("external account key \"" + kid + "\" has been revoked");
            }
            if (key.accountId() != null) {
                throw usedKey(kid);
            }
            try {
                ExternalAccountBinding.verify(binding, accountKey, url, id -> Optional.of(key.hmacKey()));
            } catch (JwsException e) {
                throw e.failure() == JwsException.Failure.MALFORMED
                        || e.failure() == JwsException.Failure.UNSUPPORTED_ALGORITHM
                        ? AcmeProblemException.of(ProblemType.MALFORMED, e.getMessage())
                        : unauthorized(e.getMessage());
            }
            return Optional.of(kid);
        });
    }

    /** The error for a key that already binds an account. */
    static AcmeProblemException usedKey(String kid) {
        return unauthorized("external account key \"" + kid + "\" is already bound to an account; "
                + "each key binds one account");
    }

    private static AcmeProblemException unauthorized(String detail) {
        return AcmeProblemException.of(ProblemType.UNAUTHORIZED, detail);
    }
}
