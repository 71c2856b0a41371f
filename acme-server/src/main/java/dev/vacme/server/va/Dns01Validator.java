package dev.vacme.server.va;

import dev.vacme.common.challenge.KeyAuthorizations;
import dev.vacme.common.model.IdentifierType;
import dev.vacme.common.problem.ProblemType;
import dev.vacme.server.AcmeProblemException;
import io.vertx.core.Future;
import java.util.List;
import java.util.stream.Collectors;

/**
 * DNS-01 validation (RFC 8555 §8.4): the TXT records at {@code _acme-challenge.{name}}, reached
 * through any CNAMEs, must include the base64url SHA-256 digest of the key authorization. Other
 * TXT values may sit beside it (a client validating several orders at once publishes several).
 *
 * <p>No TXT record is {@code unauthorized}; TXT records that all differ are
 * {@code incorrectResponse}, naming what was expected and what was found; a lookup that DNS
 * could not answer is {@code dns} (see {@link DnsClient}).
 */
public final class Dns01Validator implements ChallengeValidator {

    /** The challenge type. */
    public static final String TYPE = "dns-01";

    /** The label prefixed to the name (RFC 8555 §8.4). */
    static final String LABEL = "_acme-challenge.";

    /** How many of the values found a problem detail lists. */
    private static final int VALUES_SHOWN = 3;

    private final DnsClient dns;

    /** Creates the validator. */
    public Dns01Validator(DnsClient dns) {
        this.dns = dns;
    }

    @Override
    public String type() {
        return TYPE;
    }

    /**
     * Validates; an identifier that is not a DNS name (dns-01 is never offered for one) fails
     * with an {@link IllegalArgumentException}.
     */
    @Override
    public Future<Void> validate(ValidationRequest request) {
        if (request.identifier().type() != IdentifierType.DNS) {
            return Future.failedFuture(new IllegalArgumentException("dns-01 validates DNS names only, not "
                    + request.identifier()));
        }
        String name = LABEL + request.identifier().value();
        String expected = KeyAuthorizations.dns01TxtValue(request.keyAuthorization());
        return dns.txt(name).compose(values -> judge(name, expected, values));
    }

    private static Future<Void> judge(String name, String expected, List<String> values) {
        if (values.contains(expected)) {
            return Future.succeededFuture();
        }
        if (values.isEmpty()) {
            return Future.failedFuture(AcmeProblemException.of(ProblemType.UNAUTHORIZED,
                    "No TXT record found at " + name + "; expected one with the value \"" + expected + "\""));
        }
        String found = values.stream().limit(VALUES_SHOWN)
                .map(value -> ResponseText.quote(value, ResponseText.DETAIL_CHARS))
                .collect(Collectors.joining(", "));
        if (values.size() > VALUES_SHOWN) {
            found += " and " + (values.size() - VALUES_SHOWN) + " more";
        }
        return Future.failedFuture(AcmeProblemException.of(ProblemType.INCORRECT_RESPONSE,
                "Incorrect TXT record at " + name + ": expected \"" + expected + "\", found " + found));
    }
}
