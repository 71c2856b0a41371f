package dev.vacme.server.va;

import dev.vacme.common.model.Identifier;
import dev.vacme.common.model.IdentifierType;
import dev.vacme.common.problem.Problem;
import dev.vacme.common.problem.ProblemType;
import dev.vacme.server.AcmeProblemException;
import dev.vacme.server.va.DnsClient.CaaRecord;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Checks CAA before issuance (RFC 8659 §3): finds the relevant record set by asking for CAA at
 * the name and then at each parent up to the top-level domain (all at once; the most specific
 * non-empty answer wins), and lets {@link CaaPolicy} judge it. IP identifiers have no CAA
 * (RFC 8738 §4 leaves it undefined) and pass.
 *
 * <p>A refusal fails with {@code caa}; a level at or below the relevant set that DNS could not
 * answer fails with {@code dns}, since a record that could not be read may be one that forbids.
 */
public final class CaaChecker {

    private final DnsClient dns;
    private final CaaPolicy policy;
    private final Function<String, String> accountUris;

    /**
     * Creates the checker.
     *
     * @param accountUris turns an account id into its URL, as CAA {@code accounturi} names it
     */
    public CaaChecker(DnsClient dns, CaaPolicy policy, Function<String, String> accountUris) {
        this.dns = dns;
        this.policy = policy;
        this.accountUris = accountUris;
    }

    /**
     * Checks one identifier.
     *
     * @param identifier the authorized identifier (for a wildcard, without {@code *.})
     * @param wildcard   whether the certificate will carry {@code *.} + the identifier
     * @param accountId  the requesting account
     * @param method     the validation method that proved control, e.g. {@code http-01}
     * @return succeeds when issuance is permitted; fails with {@code caa} or {@code dns}, the
     *         problem naming the identifier
     */
    public Future<Void> check(Identifier identifier, boolean wildcard, String accountId, String method) {
        if (identifier.type() != IdentifierType.DNS) {
            return Future.succeededFuture();
        }
        List<String> levels = levels(identifier.value());
        List<Future<List<CaaRecord>>> answers = levels.stream().map(dns::caa).toList();
        Identifier named = wildcard ? Identifier.dns("*." + identifier.value()) : identifier;
        return Future.join(answers).transform(done -> {
            for (int i = 0; i < levels.size(); i++) {
                Future<List<CaaRecord>> answer = answers.get(i);
                if (answer.failed()) {
                    return Future.failedFuture(withIdentifier(answer.cause(), named));
                }
                if (!answer.result().isEmpty()) {
                    return judge(named, levels.get(i), answer.result(), wildcard, accountId, method);
                }
            }
            return Future.succeededFuture();
        });
    }

    private Future<Void> judge(Identifier named, String level, List<CaaRecord> records, boolean wildcard,
            String accountId, String method) {
        return policy.refusal(records, wildcard, accountUris.apply(accountId), method)
                .<Future<Void>>map(why -> Future.failedFuture(new AcmeProblemException(
                        Problem.of(ProblemType.CAA, "CAA records at " + level + " forbid issuance for "
                                + named.value() + ": " + why).withIdentifier(named))))
                .orElseGet(Future::succeededFuture);
    }

    /** Returns the name and its parents, most specific first, down to the top-level domain. */
    static List<String> levels(String name) {
        List<String> levels = new ArrayList<>();
        String current = name;
        while (true) {
            levels.add(current);
            int dot = current.indexOf('.');
            if (dot < 0) {
                return levels;
            }
            current = current.substring(dot + 1);
        }
    }

    private static Throwable withIdentifier(Throwable error, Identifier identifier) {
        if (error instanceof AcmeProblemException problem) {
            return new AcmeProblemException(problem.problem().withIdentifier(identifier));
        }
        return error;
    }
}
