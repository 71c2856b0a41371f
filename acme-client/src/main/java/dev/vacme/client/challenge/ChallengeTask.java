package dev.vacme.client.challenge;

import dev.vacme.common.challenge.KeyAuthorizations;
import dev.vacme.common.model.Challenge;
import dev.vacme.common.model.Identifier;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One challenge the client has chosen to answer for one identifier.
 *
 * @param identifier       the identifier, without the wildcard prefix (RFC 8555 §7.1.4)
 * @param wildcard         true when the order asked for {@code *.identifier}
 * @param challenge        the challenge from the authorization
 * @param keyAuthorization {@code token || '.' || thumbprint} (§8.1)
 */
public record ChallengeTask(Identifier identifier, boolean wildcard, Challenge challenge, String keyAuthorization) {

    /**
     * A token as RFC 8555 §8.1, §8.3 and §8.4 define it: base64url without padding, with at
     * least 128 bits of entropy, hence at least 22 characters. Anything else is refused, because
     * the token becomes a file name (webroot) and a hook variable ({@code CERTBOT_TOKEN}).
     */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{22,}");

    public ChallengeTask {
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(challenge, "challenge");
        Objects.requireNonNull(keyAuthorization, "keyAuthorization");
    }

    /** Returns true when a challenge token is well-formed base64url of at least 128 bits. */
    public static boolean isWellFormedToken(String token) {
        return token != null && TOKEN.matcher(token).matches();
    }

    /** Returns the name being validated, e.g. {@code example.com} (also for {@code *.example.com}). */
    public String domain() {
        return identifier.value();
    }

    /** Returns the challenge type, e.g. {@code http-01}. */
    public String type() {
        return challenge.type();
    }

    /** Returns the challenge token. */
    public String token() {
        return challenge.token();
    }

    /** Returns the path the http-01 response is served at (§8.3). */
    public String http01Path() {
        return "/.well-known/acme-challenge/" + token();
    }

    /** Returns the TXT record name of dns-01 (§8.4). */
    public String dns01RecordName() {
        return "_acme-challenge." + domain();
    }

    /** Returns the TXT record value of dns-01: base64url(SHA-256(key authorization)) (§8.4). */
    public String dns01Value() {
        return KeyAuthorizations.dns01TxtValue(keyAuthorization);
    }

    /** Returns what a manual hook gets as {@code CERTBOT_VALIDATION}: the TXT value or the key authorization. */
    public String validation() {
        return Challenge.DNS_01.equals(type()) ? dns01Value() : keyAuthorization;
    }
}
