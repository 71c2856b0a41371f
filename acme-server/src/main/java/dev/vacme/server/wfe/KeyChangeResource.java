package dev.vacme.server.wfe;

import dev.vacme.common.problem.Problem;
import dev.vacme.common.problem.ProblemType;
import dev.vacme.server.AcmeProblemException;
import dev.vacme.server.ra.AccountService;
import dev.vacme.server.store.StoredAccount;
import dev.vacme.server.wfe.jws.JwsVerifier;
import dev.vacme.server.wfe.jws.KeyChange;
import dev.vacme.server.wfe.jws.VerifiedRequest;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/** Account key rollover (RFC 8555 §7.3.5). */
final class KeyChangeResource {

    private final AccountService accounts;
    private final JwsVerifier verifier;
    private final Urls urls;
    private final Views views;

    KeyChangeResource(AccountService accounts, JwsVerifier verifier, Urls urls, Views views) {
        this.accounts = accounts;
        this.verifier = verifier;
        this.urls = urls;
        this.views = views;
    }

    /** POST keyChange: 200 with the account, or 409 with the URL of the account that has the new key. */
    Future<Void> keyChange(RoutingContext ctx, VerifiedRequest request) {
        KeyChange change = verifier.verifyKeyChange(request);
        StoredAccount account = request.account();
        return accounts.changeKey(account, change.oldKey(), change.newKey()).map(outcome -> {
            if (outcome.conflictingAccount().isPresent()) {
                throw new AcmeProblemException(Problem.of(ProblemType.MALFORMED,
                        "the new key already belongs to another account").withStatus(409))
                        .withHeader("Location", urls.account(outcome.conflictingAccount().get()));
            }
            Responses.json(ctx, 200, urls.account(account.id()), views.account(account));
            return null;
        });
    }
}
