package dev.vacme.client.issue;

import dev.vacme.client.InterruptedRunException;
import dev.vacme.client.VacmeException;
import dev.vacme.client.acme.AcmeAccount;
import dev.vacme.client.acme.ChainDownload;
import dev.vacme.client.acme.AcmeProblemException;
import dev.vacme.client.acme.AcmeProtocolException;
import dev.vacme.client.acme.Poller;
import dev.vacme.client.acme.Polled;
import dev.vacme.client.acme.ValidationFailedException;
import dev.vacme.client.challenge.Authenticator;
import dev.vacme.client.challenge.AuthenticatorException;
import dev.vacme.client.challenge.ChallengeTask;
import dev.vacme.common.challenge.KeyAuthorizations;
import dev.vacme.common.jws.JwsSigner;
import dev.vacme.common.model.Authorization;
import dev.vacme.common.model.AuthorizationStatus;
import dev.vacme.common.model.Challenge;
import dev.vacme.common.model.Identifier;
import dev.vacme.common.model.NewOrderRequest;
import dev.vacme.common.model.Order;
import dev.vacme.common.model.OrderStatus;
import dev.vacme.common.problem.Problem;
import dev.vacme.common.problem.ProblemType;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Runs one order from creation to download (RFC 8555 §7.4): newOrder, one challenge per pending
 * authorization published by the authenticator and announced to the server (§7.5.1), polling
 * until validation is over, then finalize with the CSR and download the chain. The
 * authenticator's cleanup always runs, also when validation fails. Everything happens within an
 * overall deadline.
 */
public final class Issuer {

    /** The default overall deadline of one issuance. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

    private final AcmeAccount account;
    private final Poller poller;
    private final Clock clock;
    private final Duration timeout;
    private final Consumer<String> log;
    private final Consumer<String> warn;

    /**
     * Creates the issuer.
     *
     * @param account the account to order with
     * @param poller  polls authorizations and the order
     * @param clock   the clock the deadline is measured by
     * @param timeout the overall deadline of one issuance
     * @param log     where progress messages go
     */
    public Issuer(AcmeAccount account, Poller poller, Clock clock, Duration timeout, Consumer<String> log) {
        this(account, poller, clock, timeout, log, log);
    }

    /**
     * Creates an issuer that reports what it skips (an alternate chain it cannot use) to
     * {@code warn} rather than with the details.
     */
    public Issuer(AcmeAccount account, Poller poller, Clock clock, Duration timeout, Consumer<String> log,
            Consumer<String> warn) {
        this.warn = warn;
        this.account = account;
        this.poller = poller;
        this.clock = clock;
        this.timeout = timeout;
        this.log = log;
    }

    /**
     * Obtains a certificate.
     *
     * @param identifiers   what to certify
     * @param csrDer        the CSR for finalize
     * @param replaces      the ARI id of the certificate this one replaces (RFC 9773 §5), or null
     * @param authenticator publishes the challenge responses
     * @return the downloaded chain
     * @throws ValidationFailedException when the server could not validate an identifier
     * @throws AcmeProblemException      when the server refuses the order or the CSR
     */
    public IssuedChain issue(List<Identifier> identifiers, byte[] csrDer, String replaces, Authenticator authenticator) {
        return issue(identifiers, csrDer, replaces, null, authenticator);
    }

    /**
     * Obtains a certificate under a certificate profile (draft-ietf-acme-profiles §4).
     *
     * @param profile the profile to ask for, or null for the server's default
     * @see #issue(List, byte[], String, Authenticator)
     */
    public IssuedChain issue(List<Identifier> identifiers, byte[] csrDer, String replaces, String profile,
            Authenticator authenticator) {
        return issue(identifiers, csrDer, replaces, profile, null, authenticator);
    }

    /**
     * Obtains a certificate under a certificate profile, choosing among the chains the server
     * offers (RFC 8555 §7.4.2).
     *
     * @param profile    the profile to ask for, or null for the server's default
     * @param preference the preferred chain, or null for the server's default chain
     * @see #issue(List, byte[], String, Authenticator)
     */
    public IssuedChain issue(List<Identifier> identifiers, byte[] csrDer, String replaces, String profile,
            ChainPreference preference, Authenticator authenticator) {
        Instant deadline = clock.instant().plus(timeout);
        Polled<Order> created = account.newOrder(new NewOrderRequest(identifiers, null, null, profile, replaces));
        URI orderUrl = created.url();
        log.accept("created order " + orderUrl);
        Order order = created.value();
        failIfInvalid(orderUrl, order);
        if (order.status() == OrderStatus.PENDING) {
            authorize(orderUrl, order, authenticator, deadline);
            order = poller.until("order " + orderUrl, () -> account.order(orderUrl),
                    o -> o.status() != OrderStatus.PENDING, deadline).value();
            failIfInvalid(orderUrl, order);
        }
        if (order.status() == OrderStatus.READY) {
            log.accept("finalizing order " + orderUrl);
            order = account.finalizeOrder(orderUrl, order, csrDer).value();
        }
        if (order.status() != OrderStatus.VALID) {
            order = poller.until("order " + orderUrl, () -> account.order(orderUrl),
                    o -> o.status() != OrderStatus.PROCESSING && o.status() != OrderStatus.READY, deadline).value();
        }
        failIfInvalid(orderUrl, order);
        if (order.status() != OrderStatus.VALID || order.certificate() == null) {
            throw new AcmeProtocolException("order " + orderUrl + " ended as " + order.status().wireName()
                    + " without a certificate");
        }
        return download(order.certificate(), preference);
    }

    private IssuedChain download(URI certificateUrl, ChainPreference preference) {
        log.accept("downloading certificate " + certificateUrl);
        ChainDownload download = account.downloadChain(certificateUrl);
        IssuedChain chain = IssuedChain.parse(download.pem());
        if (preference == null) {
            return chain;
        }
        return preference.choose(chain, download.alternates(),
                url -> IssuedChain.parse(account.downloadChain(url).pem()), log, warn);
    }

    /** A pending authorization and the challenge chosen to answer it. */
    private record Pending(URI url, ChallengeTask task) {
    }

    private void authorize(URI orderUrl, Order order, Authenticator authenticator, Instant deadline) {
        List<Pending> pending = new ArrayList<>();
        for (URI authorizationUrl : order.authorizations()) {
            Authorization authorization = account.authorization(authorizationUrl).value();
            if (authorization.status() == AuthorizationStatus.PENDING) {
                pending.add(new Pending(authorizationUrl, task(authorization, authenticator)));
            } else if (authorization.status() != AuthorizationStatus.VALID) {
                throw new AcmeProtocolException("authorization " + authorizationUrl + " for "
                        + authorization.identifier().value() + " is " + authorization.status().wireName());
            }
        }
        if (pending.isEmpty()) {
            return;
        }
        List<Problem> failures;
        try {
            failures = validate(pending, authenticator, deadline);
        } catch (InterruptedRunException e) {
            deactivate(pending);
            throw e;
        }
        if (!failures.isEmpty()) {
            throw new ValidationFailedException(failures, orderUrl);
        }
    }

    /** Publishes the responses, announces them and polls until validation is over; always cleans up. */
    private List<Problem> validate(List<Pending> pending, Authenticator authenticator, Instant deadline) {
        List<ChallengeTask> tasks = pending.stream().map(Pending::task).toList();
        List<Problem> failures = new ArrayList<>();
        try {
            authenticator.perform(tasks);
            for (ChallengeTask task : tasks) {
                account.respond(task.challenge());
            }
            for (Pending each : pending) {
                Authorization done = poller.until("authorization of " + each.task().domain(),
                        () -> account.authorization(each.url()),
                        a -> a.status() != AuthorizationStatus.PENDING, deadline).value();
                if (done.status() == AuthorizationStatus.VALID) {
                    log.accept("validated " + each.task().domain() + " with " + each.task().type());
                } else {
                    failures.add(failureOf(done));
                }
            }
        } finally {
            authenticator.cleanup(tasks);
        }
        return failures;
    }

    /**
     * Deactivates the authorizations an interrupted run leaves pending (RFC 8555 §7.5.2), so no
     * validation of responses that are gone is attempted; the run stops anyway, so a refusal is
     * only logged.
     */
    private void deactivate(List<Pending> pending) {
        for (Pending each : pending) {
            try {
                Authorization now = account.deactivateAuthorization(each.url());
                log.accept("deactivated the authorization of " + each.task().domain() + " ("
                        + now.status().wireName() + ")");
            } catch (VacmeException e) {
                log.accept("cannot deactivate the authorization of " + each.task().domain() + ": " + e.getMessage());
            }
        }
    }

    private ChallengeTask task(Authorization authorization, Authenticator authenticator) {
        boolean wildcard = Boolean.TRUE.equals(authorization.wildcard());
        List<Challenge> offered = authorization.challenges() == null ? List.of() : authorization.challenges();
        for (String type : authenticator.challengeTypes()) {
            for (Challenge challenge : offered) {
                if (type.equals(challenge.type()) && challenge.token() != null) {
                    checkToken(challenge, authorization);
                    String keyAuthorization = KeyAuthorizations.keyAuthorization(challenge.token(),
                            JwsSigner.publicJwk(account.keys()));
                    return new ChallengeTask(authorization.identifier(), wildcard, challenge, keyAuthorization);
                }
            }
        }
        throw new AuthenticatorException("the server offers " + offered.stream().map(Challenge::type)
                .collect(Collectors.joining(", ")) + " for " + (wildcard ? "*." : "")
                + authorization.identifier().value() + ", but the " + authenticator.name() + " authenticator answers "
                + String.join(", ", authenticator.challengeTypes())
                + (wildcard ? "; wildcard names need dns-01 (--manual --preferred-challenges dns)" : ""));
    }

    /**
     * Refuses a challenge whose token is not base64url of at least 128 bits (RFC 8555 §8.1,
     * §8.3): it becomes a file name below the webroot and {@code CERTBOT_TOKEN} of hooks, so a
     * token such as {@code ../../x} from a hostile server must stop the order before anything is
     * written or run.
     */
    private static void checkToken(Challenge challenge, Authorization authorization) {
        if (!ChallengeTask.isWellFormedToken(challenge.token())) {
            throw new AcmeProtocolException("the server's " + challenge.type() + " challenge for "
                    + authorization.identifier().value() + " has the token '" + printable(challenge.token())
                    + "', which is not base64url of at least 128 bits (RFC 8555 §8.3); refusing it, nothing was"
                    + " published");
        }
    }

    private static String printable(String text) {
        String shown = text.length() > 64 ? text.substring(0, 64) + "..." : text;
        return shown.replaceAll("[^\\x20-\\x7e]", "?");
    }

    private static Problem failureOf(Authorization authorization) {
        Identifier identifier = authorization.identifier();
        if (authorization.challenges() != null) {
            for (Challenge challenge : authorization.challenges()) {
                if (challenge.error() != null) {
                    return challenge.error().withIdentifier(identifier);
                }
            }
        }
        return Problem.of(ProblemType.UNAUTHORIZED, "the authorization became " + authorization.status().wireName())
                .withIdentifier(identifier);
    }

    private static void failIfInvalid(URI orderUrl, Order order) {
        if (order.status() == OrderStatus.INVALID) {
            Problem error = order.error() != null ? order.error()
                    : Problem.of(ProblemType.UNAUTHORIZED, "the order became invalid");
            throw new AcmeProblemException(error, orderUrl);
        }
    }
}
