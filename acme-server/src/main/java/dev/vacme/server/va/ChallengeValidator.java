package dev.vacme.server.va;

import io.vertx.core.Future;

/**
 * Validates one challenge type. One class per type, registered by {@link #type()}, so adding a
 * type (dns-01, tls-alpn-01, dns-account-01) is one new class.
 */
public interface ChallengeValidator {

    /** Returns the challenge type this validator handles, e.g. {@code http-01}. */
    String type();

    /**
     * Performs the validation. Succeeds when the identifier's holder answered correctly; fails
     * with {@link dev.vacme.server.AcmeProblemException} carrying the problem to record otherwise.
     */
    Future<Void> validate(ValidationRequest request);
}
