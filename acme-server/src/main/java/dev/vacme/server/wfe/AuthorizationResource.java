package dev.vacme.server.wfe;

import dev.vacme.common.model.ChallengeStatus;
import dev.vacme.common.problem.ProblemType;
import dev.vacme.server.AcmeProblemException;
import dev.vacme.server.ra.AuthorizationService;
import dev.vacme.server.wfe.jws.VerifiedRequest;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/** Authorizations and their challenges (RFC 8555 §7.5). */
final class AuthorizationResource {

    private final AuthorizationService authorizations;
    private final Urls urls;
    private final Views views;

    AuthorizationResource(AuthorizationService authorizations, Urls urls, Views views) {
        this.authorizations = authorizations;
        this.urls = urls;
        this.views = views;
    }

    /** The payload of an authorization update (RFC 8555 §7.5.2). */
    record StatusUpdate(String status) {
    }

    /** POST-as-GET the authorization, or deactivate it with {@code {"status":"deactivated"}}. */
    Future<Void> authorization(RoutingContext ctx, VerifiedRequest request) {
        String id = ctx.pathParam("id");
        if (!request.isPostAsGet()) {
            StatusUpdate update = request.payload(StatusUpdate.class);
            if (!"deactivated".equals(update.status())) {
                throw AcmeProblemException.of(ProblemType.MALFORMED,
                        "an authorization can only be updated with {\"status\": \"deactivated\"}");
            }
        }
        var result = request.isPostAsGet()
                ? authorizations.get(request.account(), id)
                : authorizations.deactivate(request.account(), id);
        return result.map(snapshot -> {
            boolean validating = snapshot.authorization().challenges().stream()
                    .anyMatch(challenge -> challenge.status() == ChallengeStatus.PROCESSING);
            if (validating) {
                Responses.retryAfter(ctx, Responses.POLL_INTERVAL);
            }
            Responses.json(ctx, 200, views.authorization(snapshot));
            return null;
        });
    }

    /** POST-as-GET a challenge, or respond to it with a JSON object (usually {@code {}}). */
    Future<Void> challenge(RoutingContext ctx, VerifiedRequest request) {
        String authorizationId = ctx.pathParam("authz");
        String challengeId = ctx.pathParam("chall");
        if (!request.isPostAsGet()) {
            request.payload(com.fasterxml.jackson.databind.node.ObjectNode.class);
        }
        var result = request.isPostAsGet()
                ? authorizations.challenge(request.account(), authorizationId, challengeId)
                : authorizations.respond(request.account(), authorizationId, challengeId);
        return result.map(snapshot -> {
            Responses.link(ctx, urls.authorization(authorizationId), "up");
            if (snapshot.challenge().status() == ChallengeStatus.PROCESSING) {
                Responses.retryAfter(ctx, Responses.POLL_INTERVAL);
            }
            Responses.json(ctx, 200, views.challenge(snapshot.challenge()));
            return null;
        });
    }
}
