package dev.vacme.server.ra;

import dev.vacme.common.model.Identifier;
import dev.vacme.server.audit.AuditEvent;
import dev.vacme.server.store.StoredAuthorization;
import dev.vacme.server.store.StoredChallenge;
import dev.vacme.server.va.ValidationOutcome;
import dev.vacme.server.va.ValidationRequest;
import java.util.List;

/** Turns the registration authority's objects into the plain values of audit events. */
final class AuditNames {

    private AuditNames() {
    }

    /** Identifiers as {@code dns:example.com}, {@code ip:192.0.2.1}. */
    static List<String> of(List<Identifier> identifiers) {
        return identifiers.stream().map(AuditNames::of).toList();
    }

    static String of(Identifier identifier) {
        return identifier.toString();
    }

    /** The audit event of one finished validation, with the addresses it connected to. */
    static AuditEvent.ValidationAttempted validation(ValidationRequest request, StoredAuthorization authorization,
            StoredChallenge challenge, ValidationOutcome outcome) {
        return new AuditEvent.ValidationAttempted(request.accountId(), authorization.id(), challenge.id(),
                challenge.type(), of(authorization.identifier()), request.contacted().list(),
                outcome.isValid() ? "valid" : "invalid",
                outcome.isValid() ? null : outcome.error().type(),
                outcome.isValid() ? null : outcome.error().detail());
    }
}
