package dev.vacme.client.challenge;

import java.util.List;

/**
 * Proves control of identifiers by publishing challenge responses (certbot's authenticator
 * plugin interface). {@link #perform} publishes every response of an order at once;
 * {@link #cleanup} removes them again and also undoes a {@code perform} that failed halfway, so
 * the issuer always calls it, also when validation failed.
 */
public interface Authenticator {

    /** Returns the name kept in the renewal configuration, e.g. {@code standalone}. */
    String name();

    /** Returns the challenge types this authenticator can answer, most preferred first. */
    List<String> challengeTypes();

    /**
     * Publishes the responses.
     *
     * @throws AuthenticatorException when a response cannot be published
     */
    void perform(List<ChallengeTask> tasks);

    /** Removes whatever {@link #perform} published, as far as it got; reports but never throws. */
    void cleanup(List<ChallengeTask> tasks);
}
