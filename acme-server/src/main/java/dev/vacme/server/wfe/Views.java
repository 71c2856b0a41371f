package dev.vacme.server.wfe;

import dev.vacme.common.model.Account;
import dev.vacme.common.model.Authorization;
import dev.vacme.common.model.Challenge;
import dev.vacme.common.model.Order;
import dev.vacme.common.model.OrderStatus;
import dev.vacme.server.ra.AuthorizationSnapshot;
import dev.vacme.server.ra.OrderSnapshot;
import dev.vacme.server.store.StoredAccount;
import dev.vacme.server.store.StoredAuthorization;
import dev.vacme.server.store.StoredChallenge;
import dev.vacme.server.store.StoredOrder;
import java.net.URI;

/** Converts the server's entities into the RFC 8555 wire objects, at the edge. */
final class Views {

    private final Urls urls;

    Views(Urls urls) {
        this.urls = urls;
    }

    /** The account object (RFC 8555 §7.1.2); contact is always present so that clients can show it. */
    Account account(StoredAccount account) {
        return new Account(account.status(), account.contact(), account.termsOfServiceAgreed() ? Boolean.TRUE : null,
                null, URI.create(urls.orders(account.id())));
    }

    /** The order object (RFC 8555 §7.1.3). */
    Order order(OrderSnapshot snapshot) {
        StoredOrder order = snapshot.order();
        URI certificate = snapshot.status() == OrderStatus.VALID && order.certificateSerial() != null
                ? URI.create(urls.certificate(order.certificateSerial()))
                : null;
        return new Order(snapshot.status(), order.expires(), order.identifiers(), order.notBefore(), order.notAfter(),
                snapshot.error(),
                order.authorizationIds().stream().map(id -> URI.create(urls.authorization(id))).toList(),
                URI.create(urls.finalizeOrder(order.id())), certificate, order.profile(), order.replaces());
    }

    /** The authorization object (RFC 8555 §7.1.4). */
    Authorization authorization(AuthorizationSnapshot snapshot) {
        StoredAuthorization authorization = snapshot.authorization();
        return new Authorization(authorization.identifier(), snapshot.status(), authorization.expires(),
                authorization.challenges().stream().map(this::challenge).toList(),
                authorization.wildcard() ? Boolean.TRUE : null);
    }

    /** The challenge object (RFC 8555 §7.1.5, §8.3). */
    Challenge challenge(StoredChallenge challenge) {
        return new Challenge(challenge.type(), URI.create(urls.challenge(challenge.authorizationId(), challenge.id())),
                challenge.status(), challenge.validatedAt(), challenge.error(), challenge.token());
    }
}
