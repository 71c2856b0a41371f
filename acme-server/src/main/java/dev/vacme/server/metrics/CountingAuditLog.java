package dev.vacme.server.metrics;

import dev.vacme.server.audit.AuditEvent;
import dev.vacme.server.audit.AuditLog;

/**
 * Counts the registration authority's security events as metrics (issuances, validations by
 * type and outcome, revocations, new accounts and orders), so the services report each event
 * once and need not know about metrics.
 */
public final class CountingAuditLog implements AuditLog {

    private final ServerMetrics metrics;

    /** Counts into {@code metrics}. */
    public CountingAuditLog(ServerMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void record(AuditEvent event) {
        if (event instanceof AuditEvent.AccountCreated) {
            metrics.accountCreated();
        } else if (event instanceof AuditEvent.OrderCreated) {
            metrics.orderCreated();
        } else if (event instanceof AuditEvent.ValidationAttempted attempt) {
            metrics.validation(attempt.type(), attempt.problem() == null ? "valid" : shortName(attempt.problem()));
        } else if (event instanceof AuditEvent.CertificateIssued) {
            metrics.certificateIssued();
        } else if (event instanceof AuditEvent.CertificateRevoked revoked) {
            metrics.certificateRevoked(revoked.reason());
        }
    }

    /** {@code urn:ietf:params:acme:error:connection} becomes {@code connection}. */
    private static String shortName(String problemType) {
        return problemType.substring(problemType.lastIndexOf(':') + 1);
    }
}
