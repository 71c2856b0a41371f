package dev.vacme.server.ra;

import dev.vacme.common.model.AuthorizationStatus;
import dev.vacme.server.store.StoredAuthorization;

/**
 * An authorization as a client sees it at one moment: the stored record and its effective status.
 *
 * @param authorization the stored authorization
 * @param status        the status derived at read time (RFC 8555 §7.1.6)
 */
public record AuthorizationSnapshot(StoredAuthorization authorization, AuthorizationStatus status) {
}
